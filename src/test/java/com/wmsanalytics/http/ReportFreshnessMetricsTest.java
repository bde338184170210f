package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-view gauges read from the run history at scrape time. */
class ReportFreshnessMetricsTest {

    private static final String LAST_SUCCESS = "wms_analytics_view_last_success_timestamp_seconds";
    private static final String LAST_DURATION = "wms_analytics_view_last_refresh_duration_seconds";
    private static final String AGE = "wms_analytics_view_data_as_of_age_seconds";
    private static final String DAILY_ORDERS = "order_analytics.daily_orders";
    private static final String MONTHLY_ABC = "inventory_analytics.abc_classification";
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
    void gauges_are_read_from_the_supplier_at_each_scrape() {
        AtomicReference<ViewSample> history = new AtomicReference<>(success(DAILY_ORDERS, FINISHED, 1500));
        AtomicInteger reads = new AtomicInteger();
        metrics.views(() -> {
            reads.incrementAndGet();
            return List.of(history.get());
        });
        Scrape first = Http.scrape(endpoint);
        assertEquals(1740967212.5, first.value(LAST_SUCCESS, "view", DAILY_ORDERS));
        assertEquals(1.5, first.value(LAST_DURATION, "view", DAILY_ORDERS));

        history.set(success(DAILY_ORDERS, FINISHED.plus(Duration.ofDays(1)), 2250));

        Scrape next = Http.scrape(endpoint);
        assertEquals(1741053612.5, next.value(LAST_SUCCESS, "view", DAILY_ORDERS));
        assertEquals(2.25, next.value(LAST_DURATION, "view", DAILY_ORDERS));
        assertEquals(2, reads.get());
    }

    @Test
    void a_view_that_never_succeeded_has_no_series() {
        metrics.views(() -> List.of(
                success(DAILY_ORDERS, FINISHED, 1000),
                new ViewSample(MONTHLY_ABC, Optional.empty(), Optional.empty(), Optional.empty())));

        Scrape scrape = Http.scrape(endpoint);

        assertTrue(scrape.has(LAST_SUCCESS, "view", DAILY_ORDERS));
        assertFalse(scrape.has(LAST_SUCCESS, "view", MONTHLY_ABC));
        assertFalse(scrape.has(LAST_DURATION, "view", MONTHLY_ABC));
        assertFalse(scrape.has(AGE, "view", MONTHLY_ABC));
    }

    @Test
    void data_as_of_age_is_the_clock_minus_data_as_of_at_scrape_time() {
        metrics.views(() -> List.of(success(DAILY_ORDERS, FINISHED, 1000)));
        clock.set(DATA_AS_OF.plusSeconds(90));
        assertEquals(90, Http.scrape(endpoint).value(AGE, "view", DAILY_ORDERS));

        clock.advance(Duration.ofHours(1));

        assertEquals(3690, Http.scrape(endpoint).value(AGE, "view", DAILY_ORDERS));
    }

    @Test
    void a_success_without_data_as_of_exports_no_age() {
        metrics.views(() -> List.of(new ViewSample(
                DAILY_ORDERS, Optional.of(FINISHED), Optional.empty(), Optional.of(Duration.ofSeconds(1)))));

        Scrape scrape = Http.scrape(endpoint);

        assertFalse(scrape.hasAny(AGE));
        assertEquals(1740967212.5, scrape.value(LAST_SUCCESS, "view", DAILY_ORDERS));
    }

    @Test
    void a_throwing_supplier_costs_only_the_view_series_and_is_counted() {
        metrics.viewFinished(DAILY_ORDERS, "succeeded", OptionalLong.of(42));
        metrics.subscriptions(() -> List.of(new RefreshMetrics.SubscriptionSample(
                "wms", "wms_analytics_sub", OptionalLong.of(10), OptionalLong.of(0))));
        metrics.views(() -> {
            throw new IllegalStateException("replica: connection refused");
        });

        HttpResponse<String> response = Http.get(endpoint, "/metrics");
        Scrape scrape = PrometheusTextParser.parse(response.body());

        assertEquals(200, response.statusCode());
        assertFalse(scrape.hasAny(LAST_SUCCESS));
        assertFalse(scrape.hasAny(AGE));
        assertEquals(42, scrape.value("wms_analytics_view_last_rows", "view", DAILY_ORDERS));
        assertEquals(
                10,
                scrape.value(
                        "wms_analytics_subscription_lag_bytes",
                        "publisher",
                        "wms",
                        "subscription",
                        "wms_analytics_sub"));
        assertEquals(1, scrapeErrors());
    }

    @Test
    void each_failing_source_counts_once_per_scrape() {
        metrics.views(() -> {
            throw new IllegalStateException("replica: connection refused");
        });
        metrics.subscriptions(() -> {
            throw new IllegalStateException("replica: connection refused");
        });

        Http.scrape(endpoint);
        Http.scrape(endpoint);

        assertEquals(4, scrapeErrors());
    }

    @Test
    void a_later_source_replaces_the_earlier_one() {
        metrics.views(() -> {
            throw new IllegalStateException("replica: connection refused");
        });
        metrics.views(() -> List.of(success(DAILY_ORDERS, FINISHED, 1000)));

        Scrape scrape = Http.scrape(endpoint);

        assertEquals(1740967212.5, scrape.value(LAST_SUCCESS, "view", DAILY_ORDERS));
        assertEquals(0, scrapeErrors());
    }

    @Test
    void the_same_view_twice_is_a_scrape_error_not_a_broken_scrape() {
        metrics.views(() -> List.of(success(DAILY_ORDERS, FINISHED, 1000), success(DAILY_ORDERS, FINISHED, 2000)));

        Scrape scrape = Http.scrape(endpoint);

        assertFalse(scrape.hasAny(LAST_SUCCESS));
        assertEquals(1, scrapeErrors());
    }

    @Test
    void no_supplier_exports_no_series_and_no_error() {
        Scrape scrape = Http.scrape(endpoint);

        assertFalse(scrape.hasAny(LAST_SUCCESS));
        assertEquals(0, scrape.value("wms_analytics_scrape_errors_total"));
    }

    /** Read from the registry: a scrape may print the counter before or after it counts its own error. */
    private double scrapeErrors() {
        return registry.get("wms_analytics.scrape.errors").counter().count();
    }

    private static ViewSample success(String view, Instant finishedAt, long millis) {
        return new ViewSample(
                view, Optional.of(finishedAt), Optional.of(DATA_AS_OF), Optional.of(Duration.ofMillis(millis)));
    }
}
