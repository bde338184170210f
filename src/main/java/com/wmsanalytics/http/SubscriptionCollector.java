package com.wmsanalytics.http;

import com.wmsanalytics.http.RefreshMetrics.SubscriptionSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-subscription gauges, read from the source once per scrape. A source that fails
 * costs only this scrape's subscription series: it is logged and counted, never thrown.
 */
final class SubscriptionCollector implements MultiCollector {

    static final String LAG = "wms_analytics_subscription_lag_bytes";
    static final String APPLY_ERRORS = "wms_analytics_subscription_apply_errors";
    private static final Logger log = LoggerFactory.getLogger(SubscriptionCollector.class);

    private final AtomicReference<Supplier<List<SubscriptionSample>>> source = new AtomicReference<>(List::of);
    private final Counter scrapeErrors;

    SubscriptionCollector(Counter scrapeErrors) {
        this.scrapeErrors = scrapeErrors;
    }

    void source(Supplier<List<SubscriptionSample>> source) {
        this.source.set(source);
    }

    @Override
    public MetricSnapshots collect() {
        try {
            return snapshots(source.get().get());
        } catch (Exception e) {
            scrapeErrors.increment();
            log.warn("subscriptions - reading them failed, this scrape exports no subscription series: {}", e.toString());
            log.debug("subscriptions - reading them failed", e);
            return new MetricSnapshots();
        }
    }

    private static MetricSnapshots snapshots(List<SubscriptionSample> samples) {
        return new MetricSnapshots(Stream.of(
                        gauge(LAG, "Bytes of the publisher's WAL the subscription has not yet applied", samples,
                                SubscriptionSample::bytesBehind),
                        gauge(APPLY_ERRORS, "Errors of the subscription's apply worker, as counted by the replica",
                                samples, SubscriptionSample::applyErrors))
                .filter(s -> !s.getDataPoints().isEmpty())
                .toList());
    }

    private static MetricSnapshot gauge(String name, String help, List<SubscriptionSample> samples,
            Function<SubscriptionSample, OptionalLong> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (SubscriptionSample sample : samples) {
            value.apply(sample).ifPresent(v -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("publisher", sample.publisher(), "subscription", sample.subscription()))
                    .value(v)
                    .build()));
        }
        return gauge.build();
    }
}
