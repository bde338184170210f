package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.RefreshMode;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The closing tables of a benchmark run. */
final class Summary {

    private final PrintStream out;
    private final int repeat;

    Summary(PrintStream out, int repeat) {
        this.out = out;
        this.repeat = repeat;
    }

    void data(Setup setup) {
        out.printf(
                "PostgreSQL %s, %,d orders over %d days (seed %d), %d CPUs, refresh.parallelism %d, built in %s%n",
                setup.version(),
                setup.orders(),
                BenchStack.DAYS,
                BenchStack.SEED,
                Runtime.getRuntime().availableProcessors(),
                setup.parallelism(),
                Durations.human(setup.buildTime()));
        TextTable table = new TextTable("wms table", "rows on the replica", "same on the primary");
        setup.rows().forEach(r -> table.row(r.table(), count(r.replica()), r.matches() ? "yes" : "NO"));
        print(table);
        out.printf("wms tables on the replica, indexes included: %s%n%n", Durations.bytes(setup.wmsBytes()));
    }

    void groups(List<GroupResult> groups) {
        heading("refresh time per group, " + repeat + " runs of each mode (min / median / max)");
        TextTable table = new TextTable(
                "group",
                "views",
                "first (plain)",
                "concurrent, gated, through the facade",
                "its gate (median)",
                "concurrent, views added up (median)",
                "plain by SQL, one after the other",
                "views added up / plain");
        groups.forEach(g -> table.row(
                g.group(),
                g.views().size(),
                Stats.ms(g.first().elapsed()),
                g.concurrentElapsed().text(),
                Stats.ms(g.concurrentGateMedian()),
                Stats.ms(g.concurrentSerialMedian()),
                g.plainTotal().text(),
                Stats.ratio(g.concurrentSerialMedian(), g.plainTotal().median())));
        print(table);
        views(groups);
    }

    private void views(List<GroupResult> groups) {
        heading("refresh time per view: REFRESH, count and ANALYZE in one transaction (median); concurrent runs up to "
                + "refresh.parallelism views at once, plain one at a time");
        TextTable table =
                new TextTable("view", "group", "rows", "first (plain)", "concurrent", "plain", "concurrent/plain");
        for (GroupResult g : groups) {
            g.views()
                    .forEach(v -> table.row(
                            v,
                            g.group(),
                            count(g.rows(v)),
                            Stats.ms(g.firstTime(v)),
                            Stats.ms(g.concurrentMedian(v)),
                            Stats.ms(g.plainMedian(v)),
                            Stats.ratio(g.concurrentMedian(v), g.plainMedian(v))));
        }
        print(table);
    }

    void gate(GateOverhead.Result gate) {
        heading("gate overhead, idle primary, replica caught up");
        TextTable table = new TextTable("measurement", "runs", "min / median / max");
        table.row(
                "awaitCatchUp: GateResult.waited()",
                gate.waits().size(),
                Stats.of(gate.waits()).text());
        table.row(
                "awaitCatchUp: wall time of the call",
                gate.calls().size(),
                Stats.of(gate.calls()).text());
        table.row(
                "refresh --group " + GateOverhead.GROUP + ", gated: wall time",
                gate.gated().size(),
                Stats.of(gate.gated()).text());
        table.row(
                "refresh --group " + GateOverhead.GROUP + ", --no-gate: wall time",
                gate.ungated().size(),
                Stats.of(gate.ungated()).text());
        print(table);
        out.printf("gated minus --no-gate, medians: %s%n%n", Stats.ms(gate.difference()));
    }

    void readers(ReaderBlocking.Result result, String why) {
        heading("reader blocking on " + result.view() + ", " + count(result.rows()) + " rows (" + why + "); " + repeat
                + " refreshes of each mode, a reader querying every " + Reader.PAUSE_MS + " ms");
        TextTable table = new TextTable(
                "mode",
                "refresh (median)",
                "longest reader query (min / median / max)",
                "usual query (median)",
                "queries during refresh (median)");
        for (RefreshMode mode : List.of(RefreshMode.CONCURRENT, RefreshMode.PLAIN)) {
            List<ReaderBlocking.Trial> trials = result.trials().get(mode);
            table.row(
                    mode.label(),
                    Stats.ms(result.median(mode, ReaderBlocking.Trial::refresh)),
                    Stats.of(trials.stream().map(ReaderBlocking.Trial::maxWait).toList())
                            .text(),
                    Stats.ms(result.median(mode, ReaderBlocking.Trial::usual)),
                    medianQueries(trials));
        }
        print(table);
    }

    private static int medianQueries(List<ReaderBlocking.Trial> trials) {
        List<Integer> sorted =
                trials.stream().map(ReaderBlocking.Trial::queries).sorted().toList();
        return sorted.get(sorted.size() / 2);
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
