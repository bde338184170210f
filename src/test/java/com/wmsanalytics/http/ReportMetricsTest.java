package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.metrics.JvmMetrics;
import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.metrics.RefreshMetrics.ViewSample;
import com.wmsanalytics.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-view series that count this instance's refresh events: rows and failures. */
class ReportMetricsTest {

    private static final String DAILY_ORDERS = "order_analytics.daily_orders";
    private static final String KPIS = "analytics.daily_kpis";
    private static final Instant DATA_AS_OF = Instant.parse("2025-03-03T01:59:30Z");
    private static final Instant FINISHED = Instant.parse("2025-03-03T02:00:12.5Z");

    private final SettableClock clock = new SettableClock(FINISHED);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefreshMetrics metrics = new RefreshMetrics(registry, clock);
    private HttpEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, List::of);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void metrics_parse_as_prometheus_text_with_their_content_type() {
        feedADailyRun();
        metrics.views(() -> List.of(
                new ViewSample(
                        DAILY_ORDERS,
                        Optional.of(FINISHED),
                        Optional.of(DATA_AS_OF),
                        Optional.of(Duration.ofMillis(1500))),
                new ViewSample(KPIS, Optional.empty(), Optional.empty(), Optional.empty())));
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        try {
            HttpResponse<String> response = Http.get(endpoint, "/metrics");

            assertEquals(200, response.statusCode());
            assertEquals(
                    "text/plain; version=0.0.4; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow());
            Scrape scrape = PrometheusTextParser.parse(response.body());
            assertEquals(
                    1740967212.5,
                    scrape.value("wms_analytics_view_last_success_timestamp_seconds", "view", DAILY_ORDERS));
            assertEquals(1.5, scrape.value("wms_analytics_view_last_refresh_duration_seconds", "view", DAILY_ORDERS));
            assertEquals(42.5, scrape.value("wms_analytics_view_data_as_of_age_seconds", "view", DAILY_ORDERS));
            assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
            assertEquals(1, scrape.value("wms_analytics_view_failures_total", "view", KPIS));
            assertEquals(1, scrape.value("wms_analytics_runs_total", "job", "daily", "status", "failed"));
            assertEquals(1, scrape.value("wms_analytics_gate_wait_seconds_count", "job", "daily"));
            assertTrue(scrape.hasAny("jvm_memory_used_bytes"));
        } finally {
            jvm.close();
        }
    }

    @Test
    void a_success_exports_its_rows_and_no_failure() {
        succeed(DAILY_ORDERS, 42);

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
        assertEquals(0, scrape.value("wms_analytics_view_failures_total", "view", DAILY_ORDERS));
    }

    @Test
    void a_failure_counts_and_keeps_the_last_rows() {
        succeed(DAILY_ORDERS, 42);
        finish(DAILY_ORDERS, "failed");

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(1, scrape.value("wms_analytics_view_failures_total", "view", DAILY_ORDERS));
        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
    }

    @Test
    void blocked_and_locked_count_as_failures_and_export_no_rows() {
        finish(KPIS, "blocked");
        finish(KPIS, "locked");

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(2, scrape.value("wms_analytics_view_failures_total", "view", KPIS));
        assertFalse(scrape.hasAny("wms_analytics_view_last_rows"));
    }

    @Test
    void a_success_without_rows_keeps_the_previous_rows() {
        succeed(DAILY_ORDERS, 42);
        metrics.viewFinished(DAILY_ORDERS, "succeeded", OptionalLong.empty());

        assertEquals(42, Http.scrape(endpoint).value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
    }

    @Test
    void refresh_events_do_not_set_the_gauges_read_from_the_history() {
        succeed(DAILY_ORDERS, 42);

        Scrape scrape = Http.scrape(endpoint);

        assertFalse(scrape.hasAny("wms_analytics_view_last_success_timestamp_seconds"));
        assertFalse(scrape.hasAny("wms_analytics_view_last_refresh_duration_seconds"));
        assertFalse(scrape.hasAny("wms_analytics_view_data_as_of_age_seconds"));
    }

    @Test
    void a_status_outside_the_list_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> finish(DAILY_ORDERS, "SUCCEEDED"));
    }

    private void feedADailyRun() {
        metrics.gateWaited("daily", Duration.ofMillis(700));
        succeed(DAILY_ORDERS, 42);
        finish(KPIS, "failed");
        metrics.runFinished("daily", "failed");
    }

    private void succeed(String view, long rows) {
        metrics.viewFinished(view, "succeeded", OptionalLong.of(rows));
    }

    private void finish(String view, String status) {
        metrics.viewFinished(view, status, OptionalLong.empty());
    }
}
