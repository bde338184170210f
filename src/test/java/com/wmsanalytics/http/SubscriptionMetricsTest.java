package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.metrics.RefreshMetrics.SubscriptionSample;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SubscriptionMetricsTest {

    private static final String LAG = "wms_analytics_subscription_lag_bytes";
    private static final String APPLY_ERRORS = "wms_analytics_subscription_apply_errors";
    private static final String GAP = "wms_analytics_subscription_gap";
    private static final String SCRAPE_ERRORS = "wms_analytics_scrape_errors_total";

    @RegisterExtension
    final ServedMetrics served = new ServedMetrics();

    private final PrometheusMeterRegistry registry = served.registry();
    private final RefreshMetrics metrics = served.metrics();

    @Test
    void gauges_are_read_from_the_supplier_once_per_scrape() {
        AtomicLong behind = new AtomicLong(4096);
        AtomicInteger reads = new AtomicInteger();
        metrics.subscriptions(() -> {
            reads.incrementAndGet();
            return List.of(sample("wms", "wms_analytics_sub", behind.get(), 0));
        });
        assertEquals(
                4096,
                Http.scrape(served.endpoint()).value(LAG, "publisher", "wms", "subscription", "wms_analytics_sub"));

        behind.set(0);

        assertEquals(
                0, Http.scrape(served.endpoint()).value(LAG, "publisher", "wms", "subscription", "wms_analytics_sub"));
        assertEquals(2, reads.get());
    }

    @Test
    void a_subscription_with_a_gap_exports_1_and_the_others_0() {
        metrics.subscriptions(() -> List.of(
                new SubscriptionSample(
                        "wms",
                        "wms_analytics_sub",
                        OptionalLong.of(0),
                        OptionalLong.of(0),
                        Optional.empty(),
                        Optional.empty(),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        true),
                sample("wms_eu", "wms_analytics_sub_eu", 0, 0)));

        Scrape scrape = Http.scrape(served.endpoint());

        assertEquals(1, scrape.value(GAP, "publisher", "wms", "subscription", "wms_analytics_sub"));
        assertEquals(0, scrape.value(GAP, "publisher", "wms_eu", "subscription", "wms_analytics_sub_eu"));
    }

    @Test
    void each_publisher_has_its_own_series() {
        metrics.subscriptions(() ->
                List.of(sample("wms", "wms_analytics_sub", 10, 0), sample("wms_eu", "wms_analytics_sub_eu", 20, 3)));

        Scrape scrape = Http.scrape(served.endpoint());

        assertEquals(20, scrape.value(LAG, "publisher", "wms_eu", "subscription", "wms_analytics_sub_eu"));
        assertEquals(3, scrape.value(APPLY_ERRORS, "publisher", "wms_eu", "subscription", "wms_analytics_sub_eu"));
        assertEquals(0, scrape.value(APPLY_ERRORS, "publisher", "wms", "subscription", "wms_analytics_sub"));
    }

    @Test
    void an_unknown_value_exports_no_series() {
        metrics.subscriptions(() ->
                List.of(new SubscriptionSample("wms", "wms_analytics_sub", OptionalLong.of(5), OptionalLong.empty())));

        Scrape scrape = Http.scrape(served.endpoint());

        assertEquals(5, scrape.value(LAG, "publisher", "wms", "subscription", "wms_analytics_sub"));
        assertFalse(scrape.hasAny(APPLY_ERRORS));
    }

    @Test
    void a_throwing_supplier_costs_only_its_series_and_is_counted() {
        metrics.runFinished("daily", "succeeded");
        metrics.subscriptions(() -> {
            throw new IllegalStateException("publisher wms: connection refused");
        });

        HttpResponse<String> response = Http.get(served.endpoint(), "/metrics");
        Scrape scrape = PrometheusTextParser.parse(response.body());

        assertEquals(200, response.statusCode());
        assertFalse(scrape.hasAny(LAG));
        assertEquals(1, scrape.value("wms_analytics_runs_total", "job", "daily", "status", "succeeded"));
        assertEquals(1, scrapeErrors());
    }

    @Test
    void the_same_subscription_twice_is_a_scrape_error_not_a_broken_scrape() {
        metrics.subscriptions(
                () -> List.of(sample("wms", "wms_analytics_sub", 1, 0), sample("wms", "wms_analytics_sub", 2, 0)));

        Scrape scrape = Http.scrape(served.endpoint());

        assertFalse(scrape.hasAny(LAG));
        assertEquals(1, scrapeErrors());
    }

    @Test
    void no_supplier_exports_no_series_and_no_error() {
        Scrape scrape = Http.scrape(served.endpoint());

        assertFalse(scrape.hasAny(LAG));
        assertEquals(0, scrape.value(SCRAPE_ERRORS));
    }

    /** Read from the registry: a scrape may print the counter before or after it counts its own error. */
    private double scrapeErrors() {
        return registry.get("wms_analytics.scrape.errors").counter().count();
    }

    private static SubscriptionSample sample(String publisher, String subscription, long behind, long errors) {
        return new SubscriptionSample(publisher, subscription, OptionalLong.of(behind), OptionalLong.of(errors));
    }
}
