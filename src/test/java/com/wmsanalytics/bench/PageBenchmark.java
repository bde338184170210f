package com.wmsanalytics.bench;

import com.wmsanalytics.http.Document;
import com.wmsanalytics.http.HttpEndpoint;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.text.TextTable;
import com.wmsanalytics.web.FreshnessApi;
import com.wmsanalytics.web.FreshnessPage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times the freshness page as the service serves it: {@code GET /} over loopback, from request
 * to the last byte, against the demo's servers and data (20,000 orders over 120 days). First
 * with the demo's history (one run of each group), then with the history grown to 10,000 runs
 * (the groups in turn, an hour apart, one in 50 failed). Each figure is the median of the loads,
 * after ten warm-up loads. It is a program, not a test: the build never runs it.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.PageBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--loads 20 --runs 10000"
 * </pre>
 *
 * <p>Options: {@code --loads L} (measured loads per history, default 20), {@code --runs R}
 * (the larger history's size, default 10,000), {@code --orders N} (default 20,000).
 */
public final class PageBenchmark {

    /** Loads before the measured ones: the JVM compiles the page's code during the first few. */
    private static final int WARM_UP = 10;

    private PageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int loads = option(args, "--loads", 20);
        int runs = option(args, "--runs", 10_000);
        int orders = option(args, "--orders", 20_000);
        try (BenchStack stack = BenchStack.start(Optional.empty())) {
            System.out.printf("building %,d orders on PostgreSQL %s ...%n", orders, stack.version());
            stack.build(orders);
            for (String group : List.of("daily", "weekly", "monthly")) {
                stack.app()
                        .refresh(
                                RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true),
                                RefreshProgress.NONE);
            }
            try (HttpEndpoint http = HttpEndpoint.start(
                    "127.0.0.1",
                    0,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    List::of,
                    Map.of(
                            "/",
                            () -> Document.html(FreshnessPage.render(stack.app().overview())),
                            "/api/freshness",
                            () -> Document.json(FreshnessApi.render(stack.app().overview()))))) {
                TextTable table = new TextTable(
                        "history", "runs", "GET / min / median / max", "bytes", "GET /api/freshness median");
                row(table, "the demo's", stack, http, loads);
                System.out.printf("growing the history to %,d runs ...%n", runs);
                grow(stack, runs - count(stack));
                row(table, String.format("%,d runs", runs), stack, http, loads);
                if (System.getenv("PAGE_EXPLAIN") != null) {
                    explain(stack);
                }
                System.out.printf("%nload average: %s%n", new LoadAverage().sample());
                table.lines().forEach(System.out::println);
            }
        }
    }

    private static void row(TextTable table, String label, BenchStack stack, HttpEndpoint http, int loads)
            throws Exception {
        List<Duration> page = times(http, "/", loads);
        List<Duration> api = times(http, "/api/freshness", loads);
        table.row(
                label,
                String.format("%,d", count(stack)),
                Stats.of(page).text(),
                get(http, "/").length(),
                Stats.ms(Stats.median(api)));
    }

    private static List<Duration> times(HttpEndpoint http, String path, int loads) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(http, path);
        }
        List<Duration> samples = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            long start = System.nanoTime();
            get(http, path);
            samples.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return samples;
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String get(HttpEndpoint http, String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int count(BenchStack stack) {
        return stack.app()
                .replicaDsl()
                .fetchOne("SELECT count(*)::int FROM analytics_control.refresh_run")
                .get(0, Integer.class);
    }

    /** Runs of the three groups in turn, an hour apart back from now, each refreshing its group's reports. */
    private static void grow(BenchStack stack, int runs) throws Exception {
        try (Connection c = stack.replicaConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO analytics_control.refresh_run (job, trigger, requested_by, host, started_at, finished_at,"
                            + " status, gate_waited_ms, data_as_of, error)"
                            + " SELECT (ARRAY['daily','weekly','monthly'])[1 + g % 3], 'schedule', 'bench', 'bench',"
                            + " now() - g * interval '1 hour' - interval '1 minute', now() - g * interval '1 hour',"
                            + " CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'succeeded' END, 150,"
                            + " now() - g * interval '1 hour' - interval '1 minute',"
                            + " CASE WHEN g % 50 = 0 THEN '1 of 5 view(s) did not refresh' END"
                            + " FROM generate_series(1, " + runs + ") g");
            s.execute("INSERT INTO analytics_control.refresh_run_view (run_id, view_schema, view_name, mode, status,"
                    + " started_at, finished_at, row_count, sqlstate, message)"
                    + " SELECT r.run_id, m.view_schema, m.view_name, 'concurrent',"
                    + " CASE WHEN r.status = 'failed' THEN 'failed' ELSE 'succeeded' END, r.started_at,"
                    + " r.started_at + (100 + (r.run_id * 37) % 900) * interval '1 ms', 1000,"
                    + " CASE WHEN r.status = 'failed' THEN '57014' END,"
                    + " CASE WHEN r.status = 'failed' THEN 'canceling statement due to statement timeout' END"
                    + " FROM analytics_control.refresh_run r"
                    + " JOIN analytics_control.refresh_group_member m ON m.refresh_group = r.job"
                    + " WHERE r.requested_by = 'bench'");
            s.execute("ANALYZE analytics_control.refresh_run, analytics_control.refresh_run_view");
        }
    }

    private static void explain(BenchStack stack) throws Exception {
        for (String name : List.of("report-freshness.sql", "report-details.sql")) {
            String sql = new String(
                    com.wmsanalytics.history.JooqRunHistory.class
                            .getResourceAsStream(name)
                            .readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            try (Connection c = stack.replicaConnection();
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
