package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class ViewMetricsTest {

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
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        try {
            HttpResponse<String> response = Http.get(endpoint, "/metrics");

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            Scrape scrape = PrometheusTextParser.parse(response.body());
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
    void a_success_exports_its_time_duration_and_rows() {
        succeed(DAILY_ORDERS, Duration.ofMillis(1500), 42, Optional.of(DATA_AS_OF));

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(1740967212.5, scrape.value("wms_analytics_view_last_success_timestamp_seconds", "view", DAILY_ORDERS));
        assertEquals(1.5, scrape.value("wms_analytics_view_last_refresh_duration_seconds", "view", DAILY_ORDERS));
        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
        assertEquals(0, scrape.value("wms_analytics_view_failures_total", "view", DAILY_ORDERS));
    }

    @Test
    void a_failure_counts_and_keeps_the_last_success() {
        succeed(DAILY_ORDERS, Duration.ofMillis(1500), 42, Optional.of(DATA_AS_OF));
        finish(DAILY_ORDERS, "failed", Duration.ofSeconds(10), FINISHED.plus(Duration.ofDays(1)));

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(1, scrape.value("wms_analytics_view_failures_total", "view", DAILY_ORDERS));
        assertEquals(10, scrape.value("wms_analytics_view_last_refresh_duration_seconds", "view", DAILY_ORDERS));
        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
        assertEquals(1740967212.5, scrape.value("wms_analytics_view_last_success_timestamp_seconds", "view", DAILY_ORDERS));
    }

    @Test
    void blocked_and_locked_count_as_failures_but_ran_no_refresh() {
        finish(KPIS, "blocked", Duration.ZERO, FINISHED);
        finish(KPIS, "locked", Duration.ZERO, FINISHED);

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(2, scrape.value("wms_analytics_view_failures_total", "view", KPIS));
        assertFalse(scrape.hasAny("wms_analytics_view_last_refresh_duration_seconds"));
        assertFalse(scrape.hasAny("wms_analytics_view_last_success_timestamp_seconds"));
    }

    @Test
    void data_as_of_age_is_now_minus_data_as_of_at_scrape_time() {
        succeed(DAILY_ORDERS, Duration.ofSeconds(1), 42, Optional.of(DATA_AS_OF));
        clock.set(DATA_AS_OF.plusSeconds(90));
        assertEquals(90, Http.scrape(endpoint).value("wms_analytics_view_data_as_of_age_seconds", "view", DAILY_ORDERS));

        clock.advance(Duration.ofHours(1));

        assertEquals(3690, Http.scrape(endpoint).value("wms_analytics_view_data_as_of_age_seconds", "view", DAILY_ORDERS));
    }

    @Test
    void data_as_of_age_is_absent_until_a_success_knows_its_data_as_of() {
        finish(DAILY_ORDERS, "failed", Duration.ofSeconds(1), FINISHED);
        succeed(DAILY_ORDERS, Duration.ofSeconds(1), 42, Optional.empty());

        Scrape scrape = Http.scrape(endpoint);

        assertFalse(scrape.hasAny("wms_analytics_view_data_as_of_age_seconds"));
        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
    }

    @Test
    void a_success_without_data_as_of_keeps_the_previous_one() {
        succeed(DAILY_ORDERS, Duration.ofSeconds(1), 42, Optional.of(DATA_AS_OF));
        succeed(DAILY_ORDERS, Duration.ofSeconds(1), 43, Optional.empty());
        clock.set(DATA_AS_OF.plusSeconds(600));

        assertEquals(600, Http.scrape(endpoint).value("wms_analytics_view_data_as_of_age_seconds", "view", DAILY_ORDERS));
    }

    @Test
    void a_status_outside_the_list_is_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> finish(DAILY_ORDERS, "SUCCEEDED", Duration.ZERO, FINISHED));
    }

    private void feedADailyRun() {
        metrics.gateWaited("daily", Duration.ofMillis(700));
        succeed(DAILY_ORDERS, Duration.ofMillis(1500), 42, Optional.of(DATA_AS_OF));
        finish(KPIS, "failed", Duration.ofSeconds(3), FINISHED);
        metrics.runFinished("daily", "failed");
    }

    private void succeed(String view, Duration duration, long rows, Optional<Instant> dataAsOf) {
        metrics.viewFinished(view, "succeeded", duration, OptionalLong.of(rows), FINISHED, dataAsOf);
    }

    private void finish(String view, String status, Duration duration, Instant finishedAt) {
        metrics.viewFinished(view, status, duration, OptionalLong.empty(), finishedAt, Optional.empty());
    }
}
