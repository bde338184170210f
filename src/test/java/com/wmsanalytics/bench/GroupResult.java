package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.util.List;

/** What {@link GroupTimings} measured for one group. */
record GroupResult(
        String group, RefreshReport first, List<RefreshReport> concurrent, List<GroupTimings.PlainRun> plain) {

    /** Gated runs through the facade, gate included. */
    Stats concurrentElapsed() {
        return Stats.of(concurrent.stream().map(RefreshReport::elapsed).toList());
    }

    Duration concurrentGateMedian() {
        return Stats.median(
                concurrent.stream().map(r -> r.gate().orElseThrow().waited()).toList());
    }

    /** The views' own times added up: the work, without parallelism, gate or history. */
    Duration concurrentSerialMedian() {
        return Stats.median(concurrent.stream()
                .map(r -> GroupTimings.viewTimes(r).values().stream().reduce(Duration.ZERO, Duration::plus))
                .toList());
    }

    Stats plainTotal() {
        return Stats.of(plain.stream().map(GroupTimings.PlainRun::total).toList());
    }

    /** The group's materialized views in dependency order, as the first refresh planned them. */
    List<String> views() {
        return first.views().stream()
                .filter(v -> !v.view().isIncremental())
                .map(v -> v.view().qualified())
                .toList();
    }

    long rows(String view) {
        return first.views().stream()
                .filter(v -> v.view().qualified().equals(view))
                .findFirst()
                .flatMap(ReportOutcome::rows)
                .orElse(-1L);
    }

    Duration firstTime(String view) {
        return GroupTimings.viewTimes(first).get(view);
    }

    Duration concurrentMedian(String view) {
        return Stats.median(concurrent.stream()
                .map(r -> GroupTimings.viewTimes(r).get(view))
                .toList());
    }

    Duration plainMedian(String view) {
        return Stats.median(plain.stream().map(p -> p.views().get(view)).toList());
    }
}
