package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateSummary;
import com.wmsanalytics.replication.server.TableCounts;
import java.time.Duration;
import java.util.List;

/** The stack the benchmark measured: server version, data and how long it took to build. */
record Setup(
        String version,
        int orders,
        int parallelism,
        GenerateSummary generated,
        List<TableCounts.Row> rows,
        long wmsBytes,
        Duration buildTime) {

    static Setup of(BenchStack bench, int orders) throws Exception {
        return of(bench, orders, BenchStack.DAYS);
    }

    static Setup of(BenchStack bench, int orders, int days) throws Exception {
        Stopwatch.Timed<GenerateSummary> built = Stopwatch.time(() -> bench.build(orders, days));
        return new Setup(
                bench.version(),
                orders,
                bench.app().config().refresh().parallelism(),
                built.value(),
                bench.rowCounts(),
                bench.wmsBytes(),
                built.elapsed());
    }

    boolean replicated() {
        return rows.stream().allMatch(TableCounts.Row::matches);
    }
}
