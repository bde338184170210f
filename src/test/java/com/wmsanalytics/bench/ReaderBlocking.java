package com.wmsanalytics.bench;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.table;

import com.wmsanalytics.refresh.RefreshMode;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * How long a reader waits while a view refreshes. A {@link Reader} counts the view's rows
 * from just before the refresh starts until it ends; the longest of the queries that overlap
 * the refresh is the wait. CONCURRENT runs through the facade, ungated; PLAIN runs
 * {@link PlainRefresh} on a connection of its own. The two modes alternate, {@code repeat}
 * times each.
 */
final class ReaderBlocking {

    /** One refresh with a reader running. {@code usual}: the reader's median query before it began. */
    record Trial(Duration refresh, Duration maxWait, Duration usual, int queries) {}

    /** The trials of each mode on one view. */
    record Result(String view, long rows, Map<RefreshMode, List<Trial>> trials) {
        Duration median(RefreshMode mode, java.util.function.Function<Trial, Duration> measure) {
            return Stats.median(trials.get(mode).stream().map(measure).toList());
        }
    }

    private interface Refresh {
        Duration run(Report view) throws Exception;
    }

    private static final int WARM_UP_QUERIES = 10;

    private final BenchStack bench;
    private final int repeat;
    private final PrintStream out;

    ReaderBlocking(BenchStack bench, int repeat, PrintStream out) {
        this.bench = bench;
        this.repeat = repeat;
        this.out = out;
    }

    Result measure(Report view, long rows) throws Exception {
        Map<RefreshMode, List<Trial>> trials = new EnumMap<>(RefreshMode.class);
        try (Connection plainConnection = bench.replicaConnection()) {
            PlainRefresh plain = new PlainRefresh(plainConnection);
            for (int i = 1; i <= repeat; i++) {
                record(trials, RefreshMode.CONCURRENT, trial(view, this::concurrent), i);
                record(trials, RefreshMode.PLAIN, trial(view, plain::refresh), i);
            }
        }
        return new Result(view.qualified(), rows, trials);
    }

    private void record(Map<RefreshMode, List<Trial>> trials, RefreshMode mode, Trial trial, int run) {
        trials.computeIfAbsent(mode, m -> new ArrayList<>()).add(trial);
        out.printf(
                "reader blocking %d/%d %s: refresh %s, longest query %s (usual %s, %d queries)%n",
                run,
                repeat,
                mode.label(),
                Stats.ms(trial.refresh()),
                Stats.ms(trial.maxWait()),
                Stats.ms(trial.usual()),
                trial.queries());
    }

    private Trial trial(Report view, Refresh refresh) throws Exception {
        try (Connection connection = bench.replicaConnection();
                Reader reader = Reader.start(connection, countSql(view))) {
            reader.awaitSamples(WARM_UP_QUERIES);
            long start = System.nanoTime();
            Duration refreshed = refresh.run(view);
            long end = System.nanoTime();
            return trial(reader.stop(), start, end, refreshed);
        }
    }

    private static Trial trial(List<Reader.Sample> samples, long start, long end, Duration refreshed) {
        List<Duration> during = samples.stream()
                .filter(s -> s.overlaps(start, end))
                .map(Reader.Sample::latency)
                .toList();
        List<Duration> before = samples.stream()
                .filter(s -> s.endNanos() < start)
                .map(Reader.Sample::latency)
                .toList();
        return new Trial(refreshed, Stats.of(during).max(), Stats.median(before), during.size());
    }

    private Duration concurrent(Report view) {
        RefreshRequest request =
                RefreshRequest.adhoc(Optional.empty(), List.of(view.qualified()), Optional.empty(), false);
        return Expect.refreshed(bench.app().refresh(request, RefreshProgress.NONE), RefreshMode.CONCURRENT)
                .views()
                .get(0)
                .duration()
                .orElseThrow();
    }

    private static String countSql(Report view) {
        return DSL.using(SQLDialect.POSTGRES).render(selectCount().from(table(name(view.schema(), view.name()))));
    }
}
