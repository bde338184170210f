package com.wmsanalytics.bench;

import com.wmsanalytics.demo.DemoStack;
import com.wmsanalytics.history.JooqRunHistory;
import com.wmsanalytics.history.Summarized;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.TextTable;
import com.wmsanalytics.web.FreshnessApi;
import com.wmsanalytics.web.FreshnessPage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The history of a seconds cadence over a year: what the readers cost with it, what folding it
 * into hourly summaries costs each day, and how large the control tables stay. It is a program,
 * not a test: the build never runs it.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.HistoryYearBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--cadence 2 --days 30 --year 365"
 * </pre>
 *
 * <p>On each server, the demo's data (20,000 orders) is built and each group refreshed once: that
 * is today's history. The readers are timed on it: the freshness page's server time (the
 * overview and its HTML), {@code /api/freshness}, {@code status}, {@code history}, {@code views}
 * and the freshness metrics' query, each the median of {@code --loads} calls after ten warm-up
 * calls, in process. Then {@code --days} days of the live job at {@code --cadence} seconds are
 * written into the history, day by day, each run with its gate and its four reports, and after
 * each day the history is folded as the housekeeping job would fold it ({@code
 * history.summarize-after} of a day); each folding is timed. The rest of the year ({@code
 * --year} days in all) gets the summaries those days produced, repeated back in time, as the
 * housekeeping job would have left them. The readers are timed again, in the same run, with
 * {@code history --summaries}, a purge of one day, and the control tables' sizes.
 * Options: {@code --servers embedded,debian15} (default both, one after the other), {@code
 * --cadence S} (default 2), {@code --days D} (default 30), {@code --year Y} (default 365),
 * {@code --loads L} (default 20), {@code --explain} (print the plans of the page's history
 * queries, with today's history and after the year).
 */
public final class HistoryYearBenchmark {

    private static final int WARM_UP = 10;
    private static final int ORDERS = 20_000;
    private static final List<String> LIVE_REPORTS = List.of(
            "order_analytics.daily_orders",
            "order_analytics.fulfillment_times",
            "warehouse_analytics.daily_throughput",
            "analytics.daily_kpis");

    private HistoryYearBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        int cadence = a.number("--cadence", 2);
        int days = a.number("--days", 30);
        int year = a.number("--year", 365);
        int loads = a.number("--loads", 20);
        List<String> out = new ArrayList<>();
        for (BenchServer server : a.servers("embedded,debian15")) {
            out.addAll(run(server, cadence, days, year, loads, a.flag("--explain")));
        }
        System.out.println();
        out.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(BenchServer server, int cadence, int days, int year, int loads, boolean explain)
            throws Exception {
        try (BenchStack stack = BenchStack.start(Optional.empty(), server, "")) {
            System.out.printf("%s: building %,d orders on PostgreSQL %s ...%n", server, ORDERS, stack.version());
            stack.build(ORDERS);
            WmsAnalytics app = stack.app();
            for (String group : List.of("daily", "weekly", "monthly")) {
                app.refresh(
                        RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true),
                        RefreshProgress.NONE);
            }
            Map<String, Duration> today = readers(app, loads);
            if (explain) {
                explain(stack, "today's history");
            }
            JooqRunHistory history = new JooqRunHistory(stack.replicaServer().dataSource(DemoStack.DATABASE));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<Duration> folds = new ArrayList<>();
            for (int d = days; d >= 1; d--) {
                Instant dayStart = now.minus(Duration.ofDays(d)).minusSeconds(120);
                writeDay(stack, dayStart, cadence);
                Instant housekeeping = dayStart.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(90));
                long start = System.nanoTime();
                Summarized folded = history.summarize(Duration.ofDays(1), housekeeping);
                folds.add(Duration.ofNanos(System.nanoTime() - start));
                System.out.printf(
                        "  day %d of %d: %,d runs folded into %d hours in %s%n",
                        days - d + 1, days, folded.runs(), folded.hours(), Stats.ms(folds.get(folds.size() - 1)));
            }
            repeatSummaries(stack, now, days, year);
            analyze(stack);
            Map<String, Duration> afterYear = readers(app, loads);
            if (explain) {
                explain(stack, "after the simulated year");
            }
            afterYear.put(
                    "history --summaries --limit 20",
                    median(loads, () -> app.historySummaries(Optional.empty(), Optional.empty(), 20)));
            long start = System.nanoTime();
            history.purge(Duration.ofDays(year - 1), now);
            Duration purge = Duration.ofNanos(System.nanoTime() - start);

            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    "%s (PostgreSQL %s): today's history, then a year of the live job every %d s (%d days written"
                            + " and folded day by day, %d more days of their summaries)",
                    server, stack.version(), cadence, days, year - days));
            TextTable table = new TextTable("reader", "today's history", "after a simulated year", "ratio");
            afterYear.forEach((name, after) -> {
                Duration before = today.get(name);
                table.row(
                        name,
                        before == null ? "-" : Stats.ms(before),
                        Stats.ms(after),
                        before == null ? "-" : Stats.ratio(after, before));
            });
            lines.addAll(table.lines());
            lines.add("folding one day (" + (86_400 / cadence) + " runs): "
                    + Stats.of(folds).text() + " (min / median / max of " + folds.size() + ")");
            lines.add("purge of the oldest day: " + Stats.ms(purge));
            lines.addAll(sizes(stack));
            lines.add("");
            return lines;
        }
    }

    /** Each reader's median over {@code loads} calls, after the warm-up. */
    private static Map<String, Duration> readers(WmsAnalytics app, int loads) throws Exception {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put("freshness page (overview and HTML)", median(loads, () -> FreshnessPage.render(app.overview())));
        times.put("/api/freshness", median(loads, () -> FreshnessApi.render(app.overview())));
        times.put("status", median(loads, app::status));
        times.put(
                "history --limit 20",
                median(loads, () -> app.history(Optional.empty(), Optional.empty(), Optional.empty(), 20)));
        times.put("views", median(loads, app::views));
        times.put("freshness metrics' query", median(loads, app::freshnessStates));
        return times;
    }

    private static Duration median(int loads, Callable<?> call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.call();
        }
        List<Duration> samples = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            call.call();
            samples.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return Stats.median(samples);
    }

    /**
     * One day of the live job's scheduled runs from {@code dayStart}: each took 300 to 800 ms,
     * passed a gate that waited 20 ms, finished with data 1.5 s old and refreshed the four live
     * reports; one in a thousand failed.
     */
    private static void writeDay(BenchStack stack, Instant dayStart, int cadence) throws Exception {
        int runs = 86_400 / cadence;
        try (Connection c = stack.replicaConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_control.refresh_run (job, trigger, requested_by, host, started_at, finished_at,"
                            + " status, gate_waited_ms, data_as_of, error, scheduled_for)"
                            + " SELECT 'live', 'schedule', 'bench', 'bench', t, t + (300 + g % 500) * interval '1 ms',"
                            + " CASE WHEN g % 1000 = 999 THEN 'failed' ELSE 'succeeded' END, 20,"
                            + " t + (300 + g % 500) * interval '1 ms' - interval '1.5 s',"
                            + " CASE WHEN g % 1000 = 999 THEN '1 of 4 view(s) did not refresh' END, t"
                            + " FROM generate_series(0, ? - 1) g, LATERAL (SELECT ?::timestamptz + g * ? * interval '1 s' AS t) x")) {
                s.setInt(1, runs);
                s.setTimestamp(2, Timestamp.from(dayStart));
                s.setInt(3, cadence);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_control.refresh_run_view (run_id, view_schema, view_name, mode, status,"
                            + " started_at, finished_at, row_count)"
                            + " SELECT r.run_id, split_part(v, '.', 1), split_part(v, '.', 2), NULL,"
                            + " CASE WHEN r.status = 'failed' THEN 'failed' ELSE 'succeeded' END, r.started_at,"
                            + " r.finished_at, 1000 FROM analytics_control.refresh_run r, unnest(?::text[]) v"
                            + " WHERE r.job = 'live' AND r.started_at >= ? AND r.started_at < ?")) {
                s.setArray(1, c.createArrayOf("text", LIVE_REPORTS.toArray()));
                s.setTimestamp(2, Timestamp.from(dayStart));
                s.setTimestamp(3, Timestamp.from(dayStart.plus(Duration.ofDays(1))));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_control.refresh_run_gate (run_id, publisher, subscription, target_lsn,"
                            + " publisher_time, bytes_behind_at_start, waited_ms, outcome)"
                            + " SELECT r.run_id, 'wms', 'wms_analytics_sub', '0/1', r.started_at, 0, 20, 'caught_up'"
                            + " FROM analytics_control.refresh_run r"
                            + " WHERE r.job = 'live' AND r.started_at >= ? AND r.started_at < ?")) {
                s.setTimestamp(1, Timestamp.from(dayStart));
                s.setTimestamp(2, Timestamp.from(dayStart.plus(Duration.ofDays(1))));
                s.executeUpdate();
            }
            c.commit();
        }
    }

    /** The summaries of the written days, repeated back in time until the year is full. */
    private static void repeatSummaries(BenchStack stack, Instant now, int days, int year) throws Exception {
        try (Connection c = stack.replicaConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO analytics_control.refresh_run_summary"
                        + " SELECT s.job, s.hour_start - k * ? * interval '1 day', s.runs, s.fire_times,"
                        + " s.first_scheduled_for - k * ? * interval '1 day', s.last_scheduled_for - k * ? * interval '1 day',"
                        + " s.first_started_at - k * ? * interval '1 day', s.last_finished_at - k * ? * interval '1 day',"
                        + " s.duration_p50_ms, s.duration_max_ms, s.gate_waited_max_ms, s.data_age_max_ms,"
                        + " s.last_data_as_of - k * ? * interval '1 day', s.report_refreshes"
                        + " FROM analytics_control.refresh_run_summary s, generate_series(1, ?) k"
                        + " WHERE s.hour_start - k * ? * interval '1 day' >= ?::timestamptz"
                        + " ON CONFLICT DO NOTHING")) {
            for (int i = 1; i <= 6; i++) {
                s.setInt(i, days);
            }
            s.setInt(7, (year + days - 1) / days);
            s.setInt(8, days);
            s.setTimestamp(9, Timestamp.from(now.minus(Duration.ofDays(year))));
            s.executeUpdate();
        }
    }

    /** The plans, with their timings, of the two history queries behind the page. */
    private static void explain(BenchStack stack, String when) throws Exception {
        String details;
        try (InputStream in =
                HistoryYearBenchmark.class.getResourceAsStream("/com/wmsanalytics/history/report-details.sql")) {
            details = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = stack.replicaConnection();
                Statement s = c.createStatement()) {
            s.execute("SET jit = off");
            for (String query :
                    List.of(details, "SELECT * FROM analytics.report_freshness ORDER BY view_schema, view_name")) {
                System.out.println(
                        "-- plan " + when + ": " + query.lines().findFirst().orElse(""));
                for (int i = 0; i < 3; i++) {
                    s.executeQuery("EXPLAIN (ANALYZE) " + query).close();
                }
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
                    while (rs.next()) {
                        System.out.println(rs.getString(1));
                    }
                }
            }
        }
    }

    private static void analyze(BenchStack stack) throws Exception {
        try (Connection c = stack.replicaConnection();
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE analytics_control.refresh_run, analytics_control.refresh_run_view,"
                    + " analytics_control.refresh_run_gate, analytics_control.refresh_run_summary");
        }
    }

    private static List<String> sizes(BenchStack stack) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = stack.replicaConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname, c.reltuples::bigint AS rows,"
                        + " pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'analytics_control'"
                        + " AND c.relname IN ('refresh_run', 'refresh_run_view', 'refresh_run_gate', 'refresh_run_summary')"
                        + " ORDER BY c.relname")) {
            while (rs.next()) {
                lines.add(String.format(
                        "  %-22s %,12d rows %10s (indexes included)",
                        rs.getString("relname"), rs.getLong("rows"), rs.getString("size")));
            }
        }
        return lines;
    }
}
