package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every refresh group after one appended day, beside the same group's reports as first shipped
 * and refreshed by the crontab line the tool replaces, on the PostgreSQL the option names. It is
 * a program, not a test: the build never runs it. Run it from the project directory, with as
 * little else as possible busy on the machine, on both servers in one run:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.GroupBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--sizes 100000:120,1000000:1200 --repeat 3"
 * </pre>
 *
 * <p>For each size, on fresh servers: both sides migrated, the history generated on the
 * primary, replication set up, a first (full) refresh of each group through the facade, and the
 * reports of every group as the V3, V4 and V5 migrations shipped them ({@link SeedViews}),
 * created and populated once. Then, once per repeat: one day appended on the primary (the
 * history's average orders per day), the replica caught up, each group refreshed through the
 * facade, gated, timed by its own {@code RefreshReport}; then each group's seed views refreshed
 * plain, one after the other, in one transaction; then a full rebuild of each incremental
 * report of the weekly and monthly groups ({@code refresh --full REPORT}), its own duration.
 *
 * <p>Options: {@code --servers embedded,debian15} (default both, in this order, in one run:
 * embedded is the tests' PostgreSQL 17, without JIT; debian15 is Debian's {@code postgresql-15}
 * as packaged, with JIT on: {@code apt-get install postgresql-15}), {@code --sizes
 * ORDERS:DAYS[,...]} (default {@code 100000:120,1000000:1200}; growth compares the last with the
 * first), {@code --repeat R} (default 3), {@code --recompute-jit true|false} (the tool's
 * {@code refresh.recompute-jit}, default false), {@code --full-jit true|false} (the tool's
 * {@code refresh.full-jit}, default false).
 */
public final class GroupBenchmark {

    private static final List<String> INCREMENTAL =
            List.of("order_analytics.weekly_orders", "inventory_analytics.monthly_movement_value");
    private static final Duration GATE_TIMEOUT = Duration.ofMinutes(30);

    record Options(
            List<BenchServer> servers, List<HistorySize> sizes, int repeat, boolean recomputeJit, boolean fullJit) {

        static Options parse(String[] args) {
            List<BenchServer> servers = List.of(BenchServer.EMBEDDED, BenchServer.DEBIAN15);
            List<HistorySize> sizes = List.of(new HistorySize(100_000, 120), new HistorySize(1_000_000, 1_200));
            int repeat = 3;
            boolean jit = false;
            boolean fullJit = false;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--servers" ->
                        servers = java.util.Arrays.stream(args[i + 1].split(","))
                                .map(BenchServer::parse)
                                .toList();
                    case "--sizes" ->
                        sizes = java.util.Arrays.stream(args[i + 1].split(","))
                                .map(HistorySize::parse)
                                .toList();
                    case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                    case "--recompute-jit" -> jit = Boolean.parseBoolean(args[i + 1]);
                    case "--full-jit" -> fullJit = Boolean.parseBoolean(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(servers, sizes, repeat, jit, fullJit);
        }
    }

    /** One size: per group the tool's and the seed's times; per report its incremental and full times. */
    record SizeRow(
            HistorySize size,
            String version,
            Map<String, List<Duration>> tool,
            Map<String, List<Duration>> seed,
            Map<String, List<Duration>> incremental,
            Map<String, List<Duration>> full) {}

    private final Options options;
    private final PrintStream out;
    private final LoadAverage load = new LoadAverage();

    private GroupBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new GroupBenchmark(Options.parse(args), System.out).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Map<BenchServer, List<SizeRow>> results = new LinkedHashMap<>();
        for (BenchServer server : options.servers()) {
            List<SizeRow> rows = new ArrayList<>();
            for (HistorySize size : options.sizes()) {
                try (BenchStack bench = BenchStack.start(
                        Optional.empty(),
                        server,
                        "wms-analytics.refresh.recompute-jit = " + options.recomputeJit() + "\n"
                                + "wms-analytics.refresh.full-jit = " + options.fullJit() + "\n")) {
                    rows.add(measure(bench, server, size));
                }
            }
            results.put(server, rows);
        }
        results.forEach(this::summary);
    }

    private SizeRow measure(BenchStack bench, BenchServer server, HistorySize size) throws Exception {
        out.printf("%s: building on %s; load %s%n", size.label(), server.option(), load.sample());
        Setup setup = Setup.of(bench, size.orders(), size.days());
        if (!setup.replicated()) {
            throw new IllegalStateException("the replica's row counts differ from the primary's: " + setup.rows());
        }
        out.printf("%s: built in %s on PostgreSQL %s%n", size.label(), Stats.ms(setup.buildTime()), setup.version());
        for (String group : SeedViews.GROUP_ORDER) {
            out.printf(
                    "%s: first refresh of %s %s%n",
                    size.label(), group, Stats.ms(refresh(bench, group).elapsed()));
        }
        Map<String, List<Duration>> tool = new LinkedHashMap<>();
        Map<String, List<Duration>> seed = new LinkedHashMap<>();
        Map<String, List<Duration>> incremental = new LinkedHashMap<>();
        Map<String, List<Duration>> full = new LinkedHashMap<>();
        try (Connection connection = bench.replicaConnection()) {
            SeedViews seedViews =
                    new SeedViews(connection, bench.app().config().refresh().timeZone());
            seedViews.create();
            for (String group : SeedViews.GROUP_ORDER) {
                seedViews.refresh(group);
            }
            for (int day = 1; day <= options.repeat(); day++) {
                bench.generate(new GenerateRequest(size.ordersPerDay(), 1, BenchStack.SEED), GenerateProgress.NONE);
                catchUp(bench);
                for (String group : SeedViews.GROUP_ORDER) {
                    RefreshReport report = refresh(bench, group);
                    add(tool, group, report.elapsed());
                    report.views().stream()
                            .filter(v -> INCREMENTAL.contains(v.view().qualified()))
                            .forEach(v -> add(
                                    incremental,
                                    v.view().qualified(),
                                    v.duration().orElseThrow()));
                    out.printf(
                            "%s: day %d %s: tool %s (%s)%n",
                            size.label(), day, group, Stats.ms(report.elapsed()), views(report));
                }
                for (String group : SeedViews.GROUP_ORDER) {
                    Duration d = seedViews.refresh(group);
                    add(seed, group, d);
                    out.printf("%s: day %d %s: seed %s%n", size.label(), day, group, Stats.ms(d));
                }
                for (String report : INCREMENTAL) {
                    RefreshReport rebuilt = bench.app()
                            .refresh(
                                    RefreshRequest.adhoc(
                                                    Optional.empty(), List.of(report), Optional.of(GATE_TIMEOUT), true)
                                            .withFull(true),
                                    RefreshProgress.NONE);
                    Duration d = rebuilt.views().get(0).duration().orElseThrow();
                    add(full, report, d);
                    out.printf(
                            "%s: day %d full rebuild of %s %s; load %s%n",
                            size.label(), day, report, Stats.ms(d), load.sample());
                }
            }
        }
        return new SizeRow(size, setup.version(), tool, seed, incremental, full);
    }

    private static RefreshReport refresh(BenchStack bench, String group) {
        RefreshReport report = bench.app()
                .refresh(
                        RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.of(GATE_TIMEOUT), true),
                        RefreshProgress.NONE);
        if (report.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException(group + ": run " + report.runId() + " " + report.status() + ": "
                    + report.error().orElse(""));
        }
        return report;
    }

    private static void catchUp(BenchStack bench) {
        GateResult gate = bench.app().awaitCatchUp(GATE_TIMEOUT, CatchUpGate.Listener.NONE);
        if (!gate.satisfied()) {
            throw new IllegalStateException(
                    "the replica did not catch up: " + gate.reason().orElse(""));
        }
    }

    private static String views(RefreshReport report) {
        return String.join(
                ", ",
                report.views().stream()
                        .map(v -> v.view().qualified() + " " + v.mode().label() + " "
                                + Stats.ms(v.duration().orElseThrow()))
                        .toList());
    }

    private static void add(Map<String, List<Duration>> map, String key, Duration d) {
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
    }

    private void summary(BenchServer server, List<SizeRow> rows) {
        SizeRow first = rows.get(0);
        SizeRow last = rows.get(rows.size() - 1);
        out.printf(
                "%n== summary: %s, recompute-jit %s, full-jit %s, PostgreSQL %s, medians of %d appended days (min-max),"
                        + " load %s ==%n",
                server.option(),
                options.recomputeJit(),
                options.fullJit(),
                last.version(),
                options.repeat(),
                load.text());
        out.println("| group | size | tool | seed (plain sequential REFRESH as first shipped) | tool / seed |");
        out.println("|---|---|---|---|---|");
        for (String group : SeedViews.GROUP_ORDER) {
            for (SizeRow row : rows) {
                Stats tool = Stats.of(row.tool().get(group));
                Stats seed = Stats.of(row.seed().get(group));
                out.printf(
                        "| %s | %s | %s (%s-%s) | %s (%s-%s) | %s |%n",
                        group,
                        row.size().label(),
                        Stats.ms(tool.median()),
                        Stats.ms(tool.min()),
                        Stats.ms(tool.max()),
                        Stats.ms(seed.median()),
                        Stats.ms(seed.min()),
                        Stats.ms(seed.max()),
                        Stats.ratio(tool.median(), seed.median()));
            }
            out.printf(
                    "| %s | growth %s / %s | %s | | |%n",
                    group,
                    last.size().label(),
                    first.size().label(),
                    Stats.ratio(
                            Stats.median(last.tool().get(group)),
                            Stats.median(first.tool().get(group))));
        }
        out.println();
        out.println("| report | size | incremental | full rebuild | incremental / full |");
        out.println("|---|---|---|---|---|");
        for (String report : INCREMENTAL) {
            for (SizeRow row : rows) {
                Duration inc = Stats.median(row.incremental().get(report));
                Duration full = Stats.median(row.full().get(report));
                out.printf(
                        "| %s | %s | %s | %s | %s |%n",
                        report, row.size().label(), Stats.ms(inc), Stats.ms(full), Stats.ratio(inc, full));
            }
        }
    }
}
