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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric name an alert rule or a dashboard panel of conf/monitoring uses is exported by
 * a running service, after one scheduled run and with a bounded max_slot_wal_keep_size.
 */
@Tag("slow")
class MonitoringMetricsTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Pattern METRIC = Pattern.compile("\\b((?:wms_analytics|hikaricp|jvm|process)_[a-z_]+)\\b");

    private static ServiceProcess service;
    private static Set<String> exported;

    @BeforeAll
    static void serviceAfterOneRun() throws Exception {
        pg.primary().execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1GB'; SELECT pg_reload_conf()");
        Path config = Pipeline.build(pg, 200, "");
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"0/2 * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        service = ServiceProcess.start(Files.writeString(
                        Files.createTempFile("monitoring", ".conf"),
                        Files.readString(config) + JobFiles.serviceConfig(jobs)))
                .awaitRunning();
        awaitSucceededRun();
        Matcher m = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)")
                .matcher(service.log());
        assertTrue(m.find(), service.log());
        String body = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(m.group(1))).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        exported = PrometheusTextParser.parse(body).samples().stream()
                .map(Scrape.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (service != null) {
                service.terminate();
            }
        } finally {
            pg.primary().execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size; SELECT pg_reload_conf()");
        }
    }

    @Test
    void every_metric_an_alert_rule_uses_is_exported() throws Exception {
        List<String> exprs = Files.readAllLines(AlertRulesTest.MONITORING.resolve(AlertRulesTest.RULES)).stream()
                .filter(l -> l.strip().startsWith("expr:"))
                .toList();

        assertEquals(11, exprs.size());
        assertExported(names(exprs));
    }

    @Test
    void every_metric_a_dashboard_panel_uses_is_exported() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(AlertRulesTest.MONITORING
                        .resolve("wms-analytics-dashboard.json")
                        .toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (!panel.get("type").asText().equals("row")) {
                assertTrue(panel.get("targets").size() > 0, panel.get("title").asText());
                panel.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
            }
        }
        exprs.add(dashboard.at("/templating/list/1/definition").asText());

        Set<String> names = names(exprs);
        assertTrue(
                names.containsAll(Set.of(
                        "wms_analytics_view_data_as_of_age_seconds",
                        "wms_analytics_view_freshness_objective_seconds",
                        "wms_analytics_gate_wait_seconds_bucket",
                        "wms_analytics_slot_retained_wal_bytes",
                        "wms_analytics_runs_total",
                        "jvm_memory_used_bytes",
                        "hikaricp_connections_active")),
                "the panels the monitoring pack promises: " + names);
        assertExported(names);
    }

    private static Set<String> names(List<String> exprs) {
        Set<String> names = new TreeSet<>();
        exprs.forEach(e -> METRIC.matcher(e).results().forEach(r -> names.add(r.group(1))));
        return names;
    }

    /** The replica counts apply errors from PostgreSQL 15 on; on 14 the series is absent, as documented. */
    private static final Set<String> PG15_ONLY = Set.of("wms_analytics_subscription_apply_errors");

    private static void assertExported(Set<String> names) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(exported);
        int version = Integer.parseInt(pg.replica().queryValue(PostgresPair.DATABASE, "SHOW server_version_num"));
        if (version < 150000) {
            missing.removeAll(PG15_ONLY);
        }
        assertEquals(Set.of(), missing, "used but not exported; exported: " + exported);
    }

    private static void awaitSucceededRun() {
        Await.until(
                "a run of tick succeeded",
                Duration.ofSeconds(30),
                () -> !"0"
                        .equals(
                                pg.replica()
                                        .queryValue(
                                                PostgresPair.DATABASE,
                                                "SELECT count(*) FROM analytics_control.refresh_run WHERE job = 'tick' AND status = 'succeeded'")),
                service::log);
    }
}
