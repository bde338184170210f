package com.wmsanalytics.bench;

import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code refresh --group daily}, gated, through the facade; stops the benchmark when a view failed. */
final class DailyRefresh {

    static final String GROUP = "daily";
    private static final Duration GATE_TIMEOUT = Duration.ofMinutes(30);

    private final BenchStack bench;

    DailyRefresh(BenchStack bench) {
        this.bench = bench;
    }

    RefreshReport run() {
        RefreshRequest request = RefreshRequest.adhoc(Optional.of(GROUP), List.of(), Optional.of(GATE_TIMEOUT), true);
        RefreshReport report = bench.app().refresh(request, RefreshProgress.NONE);
        List<ReportOutcome> failed =
                report.views().stream().filter(v -> !v.succeeded()).toList();
        if (report.status() != RunStatus.SUCCEEDED || report.views().isEmpty() || !failed.isEmpty()) {
            throw new IllegalStateException("run " + report.runId() + " " + report.status() + ": "
                    + report.error().orElse(failed.toString()));
        }
        return report;
    }

    /** How many views ran in each mode, e.g. {@code 1 concurrent, 4 incremental}. */
    static String modes(RefreshReport report) {
        Map<String, Long> counts = report.views().stream()
                .collect(Collectors.groupingBy(v -> v.mode().label(), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /** The views' own times added up: the work, without gate, history or parallelism. */
    static Duration viewsAddedUp(RefreshReport report) {
        return report.views().stream().map(v -> v.duration().orElseThrow()).reduce(Duration.ZERO, Duration::plus);
    }

    static Duration gateWait(RefreshReport report) {
        return report.gate().map(g -> g.waited()).orElse(Duration.ZERO);
    }
}
