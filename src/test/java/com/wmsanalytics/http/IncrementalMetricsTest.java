package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncrementalMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefreshMetrics metrics = new RefreshMetrics(registry, new SettableClock(Instant.EPOCH));

    @Test
    void refreshes_are_counted_by_mode_with_the_buckets_and_rows_they_rewrote() {
        metrics.viewRefreshed("order_analytics.daily_orders", "full", 120, 0, 480);
        metrics.viewRefreshed("order_analytics.daily_orders", "incremental", 5, 20, 24);
        metrics.viewRefreshed("order_analytics.daily_orders", "incremental", 4, 16, 16);

        Scrape scrape = PrometheusTextParser.parse(registry.scrape());
        String view = "order_analytics.daily_orders";

        assertEquals(1, scrape.value("wms_analytics_view_refreshes_total", "mode", "full", "view", view));
        assertEquals(2, scrape.value("wms_analytics_view_refreshes_total", "mode", "incremental", "view", view));
        assertEquals(129, scrape.value("wms_analytics_view_buckets_recomputed_total", "view", view));
        assertEquals(36, scrape.value("wms_analytics_view_rows_rewritten_total", "change", "deleted", "view", view));
        assertEquals(520, scrape.value("wms_analytics_view_rows_rewritten_total", "change", "inserted", "view", view));
    }

    @Test
    void a_verify_sets_the_differing_buckets_of_each_report_and_counts_them() {
        metrics.verified("order_analytics.daily_orders", 3);
        metrics.verified("order_analytics.daily_orders", 0);

        Scrape scrape = PrometheusTextParser.parse(registry.scrape());

        assertEquals(0, scrape.value("wms_analytics_verify_differing_buckets", "view", "order_analytics.daily_orders"));
        assertEquals(3, scrape.value("wms_analytics_verify_differences_total", "view", "order_analytics.daily_orders"));
    }
}
