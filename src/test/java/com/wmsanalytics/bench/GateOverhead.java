package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.RefreshMode;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the catch-up gate costs when there is nothing to wait for: the primary is idle and the
 * replica has caught up. Measured twice: the gate alone, {@code 3 × repeat} times; and the wall
 * time of {@code refresh --group daily} with the gate and with {@code --no-gate}, alternating
 * which goes first.
 */
final class GateOverhead {

    static final String GROUP = "daily";

    /**
     * The gate alone: what it reports ({@code waits}) and the wall time of the call
     * ({@code calls}); and the wall times of gated and ungated daily refreshes.
     */
    record Result(List<Duration> waits, List<Duration> calls, List<Duration> gated, List<Duration> ungated) {
        Duration difference() {
            return Stats.median(gated).minus(Stats.median(ungated));
        }
    }

    private final BenchStack bench;
    private final int repeat;
    private final PrintStream out;

    GateOverhead(BenchStack bench, int repeat, PrintStream out) {
        this.bench = bench;
        this.repeat = repeat;
        this.out = out;
    }

    Result measure() throws Exception {
        List<Duration> waits = new ArrayList<>();
        List<Duration> calls = new ArrayList<>();
        for (int i = 0; i < 3 * repeat; i++) {
            Stopwatch.Timed<Duration> call = Stopwatch.time(this::await);
            waits.add(call.value());
            calls.add(call.elapsed());
        }
        out.printf(
                "gate alone: waited() %s, call %s (min / median / max)%n",
                Stats.of(waits).text(), Stats.of(calls).text());
        List<Duration> gated = new ArrayList<>();
        List<Duration> ungated = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            boolean gatedFirst = i % 2 == 0;
            (gatedFirst ? gated : ungated).add(refresh(gatedFirst));
            (gatedFirst ? ungated : gated).add(refresh(!gatedFirst));
        }
        Result result = new Result(waits, calls, gated, ungated);
        out.printf(
                "refresh --group %s: gated %s, --no-gate %s (medians)%n",
                GROUP, Stats.ms(Stats.median(gated)), Stats.ms(Stats.median(ungated)));
        return result;
    }

    private Duration await() {
        GateResult result = bench.app().awaitCatchUp(Duration.ofSeconds(30), CatchUpGate.Listener.NONE);
        if (!result.satisfied()) {
            throw new IllegalStateException(
                    "the gate was not satisfied: " + result.reason().orElse(""));
        }
        return result.waited();
    }

    private Duration refresh(boolean gated) throws Exception {
        RefreshRequest request = RefreshRequest.adhoc(Optional.of(GROUP), List.of(), Optional.empty(), gated);
        return Stopwatch.time(() ->
                        Expect.refreshed(bench.app().refresh(request, RefreshProgress.NONE), RefreshMode.CONCURRENT))
                .elapsed();
    }
}
