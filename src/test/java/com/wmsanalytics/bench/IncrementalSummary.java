package com.wmsanalytics.bench;

import com.wmsanalytics.replication.server.TableCounts;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The closing tables of {@link IncrementalBenchmark}. */
final class IncrementalSummary {

    private static final double SIZE_TARGET = 1.3;
    private static final double CRON_TARGET = 0.2;
    private static final double APPLY_TARGET = 0.8;

    private final PrintStream out;
    private final int repeat;

    IncrementalSummary(PrintStream out, int repeat) {
        this.out = out;
        this.repeat = repeat;
    }

    void data(List<SizeResult> sizes, LoadAverage load) {
        SizeResult any = sizes.get(0);
        out.printf(
                "PostgreSQL %s, %d CPUs, refresh.parallelism %d, seed %d, %d appended days per size%n",
                any.setup().version(),
                Runtime.getRuntime().availableProcessors(),
                any.setup().parallelism(),
                BenchStack.SEED,
                repeat);
        out.printf("one-minute load average during the run (min / median / max): %s%n", load.text());
        TextTable table = new TextTable(
                "history",
                "built in",
                "orders",
                "order lines",
                "stock movements",
                "shipments",
                "replica = primary",
                "wms on the replica");
        for (SizeResult s : sizes) {
            Setup setup = s.setup();
            table.row(
                    s.size().label(),
                    Durations.human(setup.buildTime()),
                    rows(setup, "orders"),
                    rows(setup, "order_lines"),
                    rows(setup, "stock_movements"),
                    rows(setup, "shipments"),
                    setup.replicated() ? "yes" : "NO",
                    Durations.bytes(setup.wmsBytes()));
        }
        print(table);
    }

    void daily(List<SizeResult> sizes) {
        heading("daily group after one appended day, " + repeat + " days per size (min / median / max)");
        TextTable table = new TextTable(
                "history",
                "incremental refresh --group daily (RefreshReport.elapsed)",
                "its views added up",
                "its gate",
                "replica catch-up before it",
                "old cron: plain REFRESH of 5 views",
                "incremental / old cron",
                "same rows");
        for (SizeResult s : sizes) {
            table.row(
                    s.size().label(),
                    s.incremental().text(),
                    s.incrementalViewsAddedUp().text(),
                    Stats.ms(s.gate().median()),
                    Stats.ms(s.catchUp().median()),
                    s.cron().text(),
                    Stats.ratio(s.incremental().median(), s.cron().median()),
                    s.allSame() ? "yes" : "NO");
        }
        print(table);
        views(sizes);
        readers(sizes);
        ratios(sizes);
    }

    private void views(List<SizeResult> sizes) {
        heading("per view (median over the appended days); the old cron refreshes the old-style copy of each");
        TextTable table = new TextTable(
                "history",
                "view",
                "mode",
                "rows",
                "buckets recomputed",
                "incremental",
                "old cron",
                "first refresh (full)");
        for (SizeResult s : sizes) {
            for (String v : s.views()) {
                Duration cron = s.cronMedian(v);
                table.row(
                        s.size().label(),
                        v,
                        s.modes(v),
                        count(s.rows(v)),
                        s.bucketsMedian(v),
                        Stats.ms(s.incrementalMedian(v)),
                        cron == null ? "-" : Stats.ms(cron),
                        Stats.ms(firstTime(s, v)));
            }
        }
        print(table);
    }

    private static Duration firstTime(SizeResult s, String view) {
        return s.first().views().stream()
                .filter(v -> v.view().qualified().equals(view))
                .findFirst()
                .orElseThrow()
                .duration()
                .orElseThrow();
    }

    private void readers(List<SizeResult> sizes) {
        heading("a reader running " + AppendedDays.READER_SQL + " every " + Reader.PAUSE_MS
                + " ms: its longest query during each refresh (min / median / max)");
        TextTable table = new TextTable(
                "history",
                "during the incremental refresh",
                "usual query (median)",
                "during the old cron (same query on its copy)");
        sizes.forEach(s -> table.row(
                s.size().label(),
                s.incrementalReader().text(),
                Stats.ms(s.usualReader()),
                s.cronReader().text()));
        print(table);
    }

    private void ratios(List<SizeResult> sizes) {
        SizeResult small = sizes.get(0);
        SizeResult large = sizes.get(sizes.size() - 1);
        heading("ratios of medians");
        TextTable table = new TextTable("ratio", "value", "target");
        if (sizes.size() > 1) {
            table.row(
                    "incremental at " + large.size().label() + " / incremental at "
                            + small.size().label(),
                    Stats.ratio(
                            large.incremental().median(), small.incremental().median()),
                    target("<=", SIZE_TARGET));
        }
        table.row(
                "incremental at " + large.size().label() + " / old cron at "
                        + large.size().label(),
                Stats.ratio(large.incremental().median(), large.cron().median()),
                target("<=", CRON_TARGET));
        print(table);
    }

    void apply(HistorySize size, List<ApplyThroughput.Result> results) {
        heading("subscription apply, commit until replay_lsn passed, on " + size.label() + "; " + repeat
                + " bulks of each, alternating (min / median / max)");
        TextTable table = new TextTable(
                "bulk",
                "rows per bulk (median)",
                "with capture",
                "rows/s",
                "without capture",
                "rows/s",
                "with / without (rows/s)",
                "target");
        for (ApplyThroughput.Result r : results) {
            double with = r.medianRowsPerSecond(true);
            double without = r.medianRowsPerSecond(false);
            table.row(
                    r.bulk(),
                    count(r.medianRows()),
                    r.apply(true).text(),
                    count(Math.round(with)),
                    r.apply(false).text(),
                    count(Math.round(without)),
                    String.format(Locale.ROOT, "%.2fx", with / without),
                    r.bulk().startsWith("realistic") ? target(">=", APPLY_TARGET) : "-");
        }
        print(table);
    }

    private static String target(String op, double value) {
        return op + " " + String.format(Locale.ROOT, "%.1f", value);
    }

    private static String rows(Setup setup, String table) {
        return setup.rows().stream()
                .filter(r -> r.table().equals(table) || r.table().endsWith("." + table))
                .findFirst()
                .map(TableCounts.Row::replica)
                .map(IncrementalSummary::count)
                .orElse("-");
    }

    private void heading(String title) {
        out.println(title);
    }

    private void print(TextTable table) {
        table.lines().forEach(out::println);
        out.println();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
