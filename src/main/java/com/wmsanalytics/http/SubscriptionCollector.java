package com.wmsanalytics.http;

import com.wmsanalytics.http.RefreshMetrics.SubscriptionSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The per-subscription gauges, read from the source once per scrape. */
final class SubscriptionCollector extends SampledCollector<SubscriptionSample> {

    static final String LAG = "wms_analytics_subscription_lag_bytes";
    static final String APPLY_ERRORS = "wms_analytics_subscription_apply_errors";

    SubscriptionCollector(Counter scrapeErrors) {
        super("subscriptions", scrapeErrors);
    }

    @Override
    List<MetricSnapshot> snapshots(List<SubscriptionSample> samples) {
        return List.of(
                gauge(LAG, null, "Bytes of the publisher's WAL the subscription has not yet applied", samples,
                        s -> value(s.bytesBehind())),
                gauge(APPLY_ERRORS, null, "Errors of the subscription's apply worker, as counted by the replica",
                        samples, s -> value(s.applyErrors())));
    }

    @Override
    Labels labels(SubscriptionSample sample) {
        return Labels.of("publisher", sample.publisher(), "subscription", sample.subscription());
    }

    private static Optional<Double> value(OptionalLong value) {
        return value.isPresent() ? Optional.of((double) value.getAsLong()) : Optional.empty();
    }
}
