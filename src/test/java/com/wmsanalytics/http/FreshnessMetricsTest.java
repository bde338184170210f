package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.metrics.RefreshMetrics.FreshnessSample;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each report's objective and state, read at scrape time. */
class FreshnessMetricsTest {

    private static final String OBJECTIVE = "wms_analytics_view_freshness_objective_seconds";
    private static final String STATE = "wms_analytics_view_freshness_state";
    private static final String DAILY_ORDERS = "order_analytics.daily_orders";

    @RegisterExtension
    final ServedMetrics served = new ServedMetrics();

    private final PrometheusMeterRegistry registry = served.registry();
    private final RefreshMetrics metrics = served.metrics();

    @Test
    void the_objective_is_exported_per_level_in_seconds() {
        metrics.freshness(() -> List.of(sample("fresh")));

        Scrape scrape = Http.scrape(served.endpoint());

        assertEquals(93_600, scrape.value(OBJECTIVE, "view", DAILY_ORDERS, "level", "warn"));
        assertEquals(108_000, scrape.value(OBJECTIVE, "view", DAILY_ORDERS, "level", "error"));
    }

    @Test
    void the_state_is_one_for_the_current_state_and_zero_for_the_others_at_each_scrape() {
        AtomicReference<String> state = new AtomicReference<>("fresh");
        metrics.freshness(() -> List.of(sample(state.get())));
        assertEquals(1, Http.scrape(served.endpoint()).value(STATE, "view", DAILY_ORDERS, "state", "fresh"));

        state.set("error");

        Scrape scrape = Http.scrape(served.endpoint());
        assertEquals(1, scrape.value(STATE, "view", DAILY_ORDERS, "state", "error"));
        assertEquals(0, scrape.value(STATE, "view", DAILY_ORDERS, "state", "fresh"));
        assertEquals(0, scrape.value(STATE, "view", DAILY_ORDERS, "state", "warn"));
        assertEquals(0, scrape.value(STATE, "view", DAILY_ORDERS, "state", "unknown"));
    }

    @Test
    void a_report_without_objective_has_a_state_but_no_objective_series() {
        metrics.freshness(
                () -> List.of(new FreshnessSample(DAILY_ORDERS, Optional.empty(), Optional.empty(), "unknown")));

        Scrape scrape = Http.scrape(served.endpoint());

        assertFalse(scrape.hasAny(OBJECTIVE));
        assertEquals(1, scrape.value(STATE, "view", DAILY_ORDERS, "state", "unknown"));
    }

    @Test
    void a_failing_source_costs_only_its_series_and_is_counted() {
        metrics.freshness(() -> {
            throw new IllegalStateException("replica down");
        });

        Scrape scrape = Http.scrape(served.endpoint());

        assertFalse(scrape.hasAny(STATE));
        assertEquals(1, registry.get("wms_analytics.scrape.errors").counter().count());
    }

    private static FreshnessSample sample(String state) {
        return new FreshnessSample(
                DAILY_ORDERS, Optional.of(Duration.ofHours(26)), Optional.of(Duration.ofHours(30)), state);
    }
}
