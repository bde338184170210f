package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.RefreshMode;
import com.wmsanalytics.refresh.RefreshPlan;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh time of one group. The first refresh through the facade finds the views unpopulated
 * and refreshes them plain. Then, {@code repeat} times and alternating: a gated refresh through
 * the facade (now CONCURRENTLY), and a plain refresh of the same views by SQL, one view after
 * the other in dependency order.
 */
final class GroupTimings {

    /** One plain refresh of the group: each view's time and the whole loop's. */
    record PlainRun(Map<String, Duration> views, Duration total) {}

    private final BenchStack bench;
    private final int repeat;
    private final PrintStream out;

    GroupTimings(BenchStack bench, int repeat, PrintStream out) {
        this.bench = bench;
        this.repeat = repeat;
        this.out = out;
    }

    GroupResult measure(String group) throws SQLException {
        RefreshReport first = refresh(group, RefreshMode.PLAIN);
        out.printf("%s: first refresh (plain) %s%n", group, Stats.ms(first.elapsed()));
        // The plain pass is the old cron function's REFRESH, so it covers the materialized views.
        List<Report> ordered = RefreshPlan.of(members(group)).views().stream()
                .filter(v -> !v.isIncremental())
                .toList();
        List<RefreshReport> concurrent = new ArrayList<>();
        List<PlainRun> plain = new ArrayList<>();
        try (Connection connection = bench.replicaConnection()) {
            PlainRefresh refresher = new PlainRefresh(connection);
            for (int i = 1; i <= repeat; i++) {
                concurrent.add(refresh(group, RefreshMode.CONCURRENT));
                plain.add(plain(refresher, ordered));
                out.printf(
                        "%s: run %d/%d concurrent %s, plain %s%n",
                        group,
                        i,
                        repeat,
                        Stats.ms(concurrent.get(i - 1).elapsed()),
                        Stats.ms(plain.get(i - 1).total()));
            }
        }
        return new GroupResult(group, first, concurrent, plain);
    }

    private List<Report> members(String group) {
        return bench.views().stream()
                .filter(v -> v.group().filter(group::equals).isPresent())
                .toList();
    }

    private RefreshReport refresh(String group, RefreshMode expected) {
        RefreshRequest request = RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true);
        return Expect.refreshed(bench.app().refresh(request, RefreshProgress.NONE), expected);
    }

    private static PlainRun plain(PlainRefresh refresher, List<Report> ordered) throws SQLException {
        long start = System.nanoTime();
        Map<String, Duration> views = new LinkedHashMap<>();
        for (Report view : ordered) {
            views.put(view.qualified(), refresher.refresh(view));
        }
        return new PlainRun(views, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Per-view time of a run through the facade: the REFRESH, the count and ANALYZE. */
    static Map<String, Duration> viewTimes(RefreshReport report) {
        Map<String, Duration> times = new LinkedHashMap<>();
        report.views().forEach(v -> times.put(v.view().qualified(), v.duration().orElseThrow()));
        return times;
    }
}
