package com.wmsanalytics.bench;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A burst of late corrections, and what the daily group's refresh costs after it: one line of
 * one order corrected on each of N random closed days (each N of {@code --burst-days}), then
 * the group refreshed three ways, each after a burst of its own: as configured by default
 * (every dirty day recomputed by index), with {@code refresh.full-rebuild-percent} at {@code
 * --bound} (a full rebuild past that share of the days), and rebuilt in full on request. The
 * replica is vacuumed once after the initial copy, as autovacuum would have done. It is a
 * program, not a test: the build never runs it.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.BurstBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--servers debian15 --burst-days 0,400,1100 --bound 80 --repeat 3"
 * </pre>
 *
 * <p>Options: {@code --servers embedded,debian15} (default debian15), {@code --orders} (default
 * 1,000,000), {@code --days} (default 1,200), {@code --burst-days} (default 0,400,1100; 0 is a run with nothing changed), {@code
 * --bound} (default 80), {@code --repeat} (default 3).
 */
public final class BurstBenchmark {

    private static final Duration GATE_TIMEOUT = Duration.ofMinutes(30);
    private static final List<String> WAYS = List.of("recompute (default)", "bounded", "full on request");

    private final PrintStream out = System.out;

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        List<BenchServer> servers = a.servers("debian15");
        int orders = a.number("--orders", 1_000_000);
        int days = a.number("--days", 1_200);
        List<Integer> bursts = a.list("--burst-days", "0,400,1100").stream()
                .map(Integer::parseInt)
                .toList();
        int repeat = a.number("--repeat", 3);
        int bound = a.number("--bound", 80);
        List<String> summary = new ArrayList<>();
        for (BenchServer server : servers) {
            summary.addAll(new BurstBenchmark().run(server, orders, days, bursts, bound, repeat));
        }
        System.out.println();
        System.out.printf(
                "daily group after a burst of corrections to closed days, %,d orders over %d days, medians of %d:%n",
                orders, days, repeat);
        summary.forEach(System.out::println);
        System.exit(0);
    }

    private List<String> run(BenchServer server, int orders, int days, List<Integer> bursts, int bound, int repeat)
            throws Exception {
        Map<String, List<Duration>> times = new LinkedHashMap<>();
        Map<String, String> modes = new LinkedHashMap<>();
        try (BenchStack bench = BenchStack.start(Optional.empty(), server)) {
            bench.build(orders, days);
            vacuum(bench);
            try (WmsAnalytics bounded = new WmsAnalytics(
                            new ConfigLoader(Map.of())
                                    .load(
                                            ConfigFactory.parseString(bench.hocon()
                                                    + "wms-analytics.refresh.full-rebuild-percent = " + bound + "\n"),
                                            "benchmark"),
                            Clock.systemUTC());
                    Connection primary = bench.primaryConnection()) {
                primary.setAutoCommit(true);
                refresh(bench.app(), false);
                for (int burst : bursts) {
                    for (int i = 1; i <= repeat; i++) {
                        for (String way : WAYS) {
                            correct(primary, burst, i);
                            RefreshReport report = way.equals(WAYS.get(1))
                                    ? refresh(bounded, false)
                                    : refresh(bench.app(), way.equals(WAYS.get(2)));
                            String key =
                                    burst + " days, " + (way.equals(WAYS.get(1)) ? "bounded at " + bound + "%" : way);
                            times.computeIfAbsent(key, k -> new ArrayList<>()).add(report.elapsed());
                            String detail = detail(report);
                            modes.put(key, detail);
                            out.printf(
                                    "%s %d/%d %s: %s (%s)%n",
                                    server.option(), i, repeat, key, Stats.ms(report.elapsed()), detail);
                        }
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String key : times.keySet()) {
            lines.add(String.format(
                    "  %-10s %-32s %s   (last: %s)",
                    server.option(), key, Stats.ms(Stats.median(times.get(key))), modes.get(key)));
        }
        return lines;
    }

    /**
     * VACUUM of the replica once after the initial copy, as autovacuum does soon after: VACUUM
     * summarizes the BRIN ranges of the copied rows, which the sweeps read until then (a
     * refresh summarizes the ranges it swept, but gives way to autovacuum's lock on a table it
     * is processing, as it is right after a copy of millions of rows).
     */
    private static void vacuum(BenchStack bench) throws Exception {
        try (Connection replica = bench.replicaConnection();
                Statement s = replica.createStatement()) {
            replica.setAutoCommit(true);
            s.execute("VACUUM (ANALYZE)");
        }
    }

    /** The first line of one order on each of {@code days} random days older than the open window. */
    private static void correct(Connection primary, int days, int seed) throws Exception {
        try (Statement s = primary.createStatement()) {
            s.execute("SELECT setseed(" + (seed / 100.0) + ")");
            s.execute("UPDATE wms.order_lines l SET quantity = l.quantity + 1 FROM (SELECT order_id FROM"
                    + " (SELECT DISTINCT ON (o.created_at::date) o.order_id FROM wms.orders o"
                    + " WHERE o.created_at < now() - interval '5 days' ORDER BY o.created_at::date, o.order_id) AS per_day"
                    + " ORDER BY random() LIMIT " + days + ") AS d WHERE l.order_id = d.order_id AND l.line_no = 1");
        }
    }

    private static RefreshReport refresh(WmsAnalytics app, boolean full) {
        RefreshReport report = app.refresh(
                RefreshRequest.adhoc(Optional.of("daily"), List.of(), Optional.of(GATE_TIMEOUT), true)
                        .withFull(full),
                RefreshProgress.NONE);
        if (report.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("daily: run " + report.runId() + " " + report.status() + ": "
                    + report.error().orElse(""));
        }
        return report;
    }

    private static String detail(RefreshReport report) {
        return String.join(
                ", ",
                report.views().stream()
                        .filter(v -> v.view().isIncremental())
                        .map(v -> v.view().name() + " " + v.mode().label() + " "
                                + Stats.ms(v.duration().orElseThrow()))
                        .toList());
    }
}
