package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import com.wmsanalytics.testing.TestTls;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes a running service through TLS and
 * basic auth, evaluates the shipped alert rules (their hold times shortened to 2 s) and every
 * expression of the shipped Grafana dashboard, and fires the stale-report alert when a report
 * with a short objective stops being refreshed because its subscription is disabled. It runs
 * on PostgreSQL 17 only: nothing of it depends on the server's version, and {@code
 * MonitoringMetricsTest} checks on each version which series it exports.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().classPathBinaries();

    private static final String REPORT = "order_analytics.daily_orders";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static TestTls tls;
    private static ServiceProcess service;
    private static Process prometheus;
    private static File prometheusLog;
    private static String api;
    private static String target;

    @BeforeAll
    static void serviceAndPrometheus() throws Exception {
        tls = TestTls.make();
        // A bounded slot, so that the dashboard's safe-WAL panel has a series to show.
        pg.primary().execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1GB'");
        pg.primary().execute("postgres", "SELECT pg_reload_conf()");
        Path web = tls.tlsAndLogin("prometheus", "scrape-secret");
        Path config = Pipeline.build(
                pg,
                200,
                "wms-analytics.freshness.views { \"" + REPORT + "\" { warn-after = 8s, error-after = 1d } }\n"
                        + "wms-analytics.http.web-config-file = \"" + web + "\"\n");
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "daily", "cron = \"*/2 * * * * ?\"\ntime-zone = UTC\ngroup = daily");
        Path serviceConfig = Files.writeString(
                Files.createTempFile("scrape", ".conf"),
                Files.readString(config) + JobFiles.serviceConfig(jobs) + "wms-analytics.gate.timeout = 1s\n");
        service = ServiceProcess.start(serviceConfig).awaitRunning();
        Matcher m = Pattern.compile("metrics at https://(127\\.0\\.0\\.1:\\d+)/metrics")
                .matcher(service.log());
        assertTrue(m.find(), service.log());
        target = m.group(1);
        prometheus = startPrometheus(target);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(30, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.terminate();
        }
        pg.primary().execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size");
        pg.primary().execute("postgres", "SELECT pg_reload_conf()");
    }

    @Test
    @Order(1)
    void prometheus_scrapes_the_service_through_tls_and_basic_auth() throws Exception {
        JsonNode up = await(
                "up == 1",
                r -> r.size() == 1 && "1".equals(r.get(0).get("value").get(1).asText()));

        assertEquals("wms-analytics", up.get(0).get("metric").get("job").asText());
        JsonNode age = await("wms_analytics_view_data_as_of_age_seconds{view=\"" + REPORT + "\"}", r -> r.size() == 1);
        assertTrue(age.get(0).get("value").get(1).asDouble() >= 0, age.toString());
    }

    @Test
    @Order(2)
    void every_expression_of_the_dashboard_returns_data() throws Exception {
        // Two scrapes at least since the first run ended, so that increase() and rate() have
        // samples to work on: the runs' series appear once a run has ended.
        await("count_over_time(up[1m]) >= 3", r -> r.size() == 1);
        await("count_over_time(wms_analytics_runs_total{status=\"succeeded\"}[1m]) >= 2", r -> r.size() >= 1);
        List<String> empty = new ArrayList<>();
        List<String> expressions = dashboardExpressions();
        assertTrue(expressions.size() >= 20, "the dashboard's expressions: " + expressions);
        for (String expression : expressions) {
            JsonNode answer = query(expression.replace("$instance", ".+"));
            assertEquals("success", answer.get("status").asText(), expression + ": " + answer);
            if (answer.get("data").get("result").isEmpty()) {
                empty.add(expression);
            }
        }
        assertEquals(List.of(), empty, "dashboard expressions that returned no data");
    }

    /** How long a probe may take under the flood: well under the 10 s after which the flood is cut. */
    static final Duration PROBE_DEADLINE = Duration.ofSeconds(3);

    @Test
    @Order(3)
    void under_200_open_connections_the_jobs_fire_on_time_and_the_probe_answers_long_before_the_flood_is_cut()
            throws Exception {
        HttpClient probe =
                HttpClient.newBuilder().sslContext(tls.clientContext()).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("https://" + target + "/health/ready"))
                .timeout(PROBE_DEADLINE)
                .build();
        String[] hostPort = target.split(":");
        List<java.net.Socket> flood = new ArrayList<>();
        java.time.Instant from = java.time.Instant.now().plusSeconds(1);
        // The three fire times of the job (every 2 s) in the 6 s from then.
        String window = "scheduled_for >= '" + from + "'::timestamptz AND scheduled_for < '" + from
                + "'::timestamptz + interval '6 seconds'";
        try {
            for (int i = 0; i < 200; i++) {
                java.net.Socket socket = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                socket.getOutputStream().write(0x16); // a TLS record begun, never finished
                flood.add(socket);
            }
            // Probed all along, while the flood holds its connections, until the job has fired
            // for three fire times. A starved probe would wait until the endpoint cuts the
            // flood's connections (http.request-timeout, 10 s); each probe here must answer well
            // before, within PROBE_DEADLINE, which leaves room for the suite's load on two cores.
            Await.until("three firings of the daily job during the flood", Duration.ofSeconds(30), () -> {
                assertEquals(200, probe(probe, ready));
                return "3"
                        .equals(pg.replica()
                                .queryValue(
                                        PostgresPair.DATABASE,
                                        "SELECT count(*) FROM analytics_control.refresh_run WHERE job = 'daily'"
                                                + " AND trigger = 'schedule' AND status <> 'running' AND " + window));
            });
        } finally {
            for (java.net.Socket socket : flood) {
                socket.close();
            }
        }
        String fired = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT count(*) || ' ' || coalesce(max(extract(epoch FROM started_at - scheduled_for)), -1)"
                                + " FROM analytics_control.refresh_run WHERE job = 'daily' AND trigger = 'schedule'"
                                + " AND " + window);
        String[] f = fired.split(" ");
        assertEquals("3", f[0], "runs fired for the three fire times of the 6 s: " + fired);
        assertTrue(Double.parseDouble(f[1]) < 1.0, "the latest run started " + f[1] + " s after its fire time");
    }

    @Test
    @Order(4)
    void a_stale_report_fires_the_stale_report_alert() throws Exception {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        try {
            Await.until(
                    "WmsAnalyticsReportStale fires for " + REPORT,
                    Duration.ofSeconds(90),
                    () -> {
                        for (JsonNode alert :
                                get(api + "/api/v1/alerts").get("data").get("alerts")) {
                            if ("WmsAnalyticsReportStale"
                                            .equals(alert.get("labels")
                                                    .get("alertname")
                                                    .asText())
                                    && REPORT.equals(
                                            alert.get("labels").get("view").asText())
                                    && "firing".equals(alert.get("state").asText())) {
                                return true;
                            }
                        }
                        return false;
                    },
                    () -> get(api + "/api/v1/alerts") + "\n" + service.log());
        } finally {
            pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
        }
    }

    private static int probe(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("the probe failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Process startPrometheus(String target) throws Exception {
        Path dir = Files.createTempDirectory("prometheus-");
        String rules = Files.readString(AlertRulesTest.MONITORING.resolve(AlertRulesTest.RULES))
                .replaceAll("for: \\d+[smh]", "for: 2s");
        Files.writeString(dir.resolve("rules.yml"), rules);
        Files.writeString(dir.resolve("password"), "scrape-secret");
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: wms-analytics
                    scheme: https
                    tls_config:
                      ca_file: %s
                    basic_auth:
                      username: prometheus
                      password_file: password
                    static_configs:
                      - targets: ['%s']
                """.formatted(tls.caCert(), target));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        api = "http://127.0.0.1:" + port;
        prometheusLog = dir.resolve("prometheus.log").toFile();
        Process p = new ProcessBuilder(
                        binary(),
                        "--config.file=prometheus.yml",
                        "--storage.tsdb.path=data",
                        "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(prometheusLog)
                .start();
        Await.until(
                "prometheus is ready",
                Duration.ofSeconds(60),
                () -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("prometheus exited: " + log());
                    }
                    try {
                        return CLIENT.send(
                                                HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                },
                PrometheusScrapeTest::log);
        return p;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JSON.readTree(AlertRulesTest.MONITORING
                .resolve("wms-analytics-dashboard.json")
                .toFile());
        List<String> expressions = new ArrayList<>();
        dashboard
                .findValues("targets")
                .forEach(targets -> targets.forEach(t -> {
                    if (t.hasNonNull("expr")) {
                        expressions.add(t.get("expr").asText());
                    }
                }));
        return expressions;
    }

    private static JsonNode await(String expression, Predicate<JsonNode> done) {
        try {
            return Await.value(
                    expression,
                    Duration.ofSeconds(60),
                    () -> query(expression).get("data").get("result"),
                    done);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ntargets: " + get(api + "/api/v1/targets") + "\n" + log(), e);
        }
    }

    private static String log() {
        try {
            return Files.readString(prometheusLog.toPath());
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static JsonNode query(String expression) {
        return get(api + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("prometheus is not installed: run 'apt-get install prometheus' (.ci/run does)");
    }
}
