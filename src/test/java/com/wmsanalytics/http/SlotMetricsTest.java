package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.metrics.RefreshMetrics.SubscriptionSample;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The replication health series: replay lag in seconds, the slot's retained WAL, safe WAL size and wal_status. */
class SlotMetricsTest {

    private static final String[] WMS = {"publisher", "wms", "subscription", "wms_analytics_sub"};

    @RegisterExtension
    final ServedMetrics served = new ServedMetrics();

    private final PrometheusMeterRegistry registry = served.registry();
    private final RefreshMetrics metrics = served.metrics();

    @Test
    void lag_retained_wal_and_safe_size_are_exported_per_subscription() {
        metrics.subscriptions(() -> List.of(new SubscriptionSample(
                "wms",
                "wms_analytics_sub",
                OptionalLong.of(4096),
                OptionalLong.of(0),
                Optional.of(Duration.ofMillis(2500)),
                Optional.of("extended"),
                OptionalLong.of(1 << 30),
                OptionalLong.of(1 << 20))));

        Scrape scrape = Http.scrape(served.endpoint());

        assertEquals(2.5, scrape.value("wms_analytics_subscription_replay_lag_seconds", WMS));
        assertEquals(1 << 30, scrape.value("wms_analytics_slot_retained_wal_bytes", WMS));
        assertEquals(1 << 20, scrape.value("wms_analytics_slot_safe_wal_size_bytes", WMS));
        assertEquals(1, scrape.value("wms_analytics_slot_wal_status", with("wal_status", "extended")));
        assertEquals(0, scrape.value("wms_analytics_slot_wal_status", with("wal_status", "reserved")));
        assertEquals(0, scrape.value("wms_analytics_slot_wal_status", with("wal_status", "lost")));
    }

    @Test
    void an_unlimited_slot_has_no_safe_size_and_a_subscription_without_slot_no_slot_series() {
        metrics.subscriptions(() -> List.of(
                new SubscriptionSample(
                        "wms",
                        "wms_analytics_sub",
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        Optional.empty(),
                        Optional.of("reserved"),
                        OptionalLong.of(100),
                        OptionalLong.empty()),
                new SubscriptionSample("eu", "eu_sub", OptionalLong.empty(), OptionalLong.empty())));

        Scrape scrape = Http.scrape(served.endpoint());

        assertFalse(scrape.hasAny("wms_analytics_slot_safe_wal_size_bytes"));
        assertFalse(scrape.hasAny("wms_analytics_subscription_replay_lag_seconds"));
        assertEquals(100, scrape.value("wms_analytics_slot_retained_wal_bytes", WMS));
        assertFalse(scrape.has(
                "wms_analytics_slot_wal_status",
                "publisher",
                "eu",
                "subscription",
                "eu_sub",
                "wal_status",
                "reserved"));
    }

    private static String[] with(String key, String value) {
        return new String[] {WMS[0], WMS[1], WMS[2], WMS[3], key, value};
    }
}
