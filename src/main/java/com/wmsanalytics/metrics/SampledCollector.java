package com.wmsanalytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from a source once per scrape. A source that fails costs only this scrape's
 * series of this collector: it is logged and counted, never thrown.
 *
 * @param <T> one sample of the source, the series' labels and values
 */
abstract class SampledCollector<T> implements MultiCollector {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String what;
    private final AtomicReference<Supplier<List<T>>> source = new AtomicReference<>(List::of);
    private final Counter scrapeErrors;

    /** @param what what the samples are, for the log: "subscriptions", "views" */
    SampledCollector(String what, Counter scrapeErrors) {
        this.what = what;
        this.scrapeErrors = scrapeErrors;
    }

    final void source(Supplier<List<T>> source) {
        this.source.set(source);
    }

    @Override
    public final MetricSnapshots collect() {
        try {
            return new MetricSnapshots(snapshots(source.get().get()).stream()
                    .filter(s -> !s.getDataPoints().isEmpty())
                    .toList());
        } catch (Exception e) {
            scrapeErrors.increment();
            log.warn("{} - reading them failed, this scrape exports none of their series: {}", what, e.toString());
            log.debug("{} - reading them failed", what, e);
            return new MetricSnapshots();
        }
    }

    /** This scrape's gauges; one without data points is left out. */
    abstract List<MetricSnapshot> snapshots(List<T> samples);

    abstract Labels labels(T sample);

    /** A gauge with a data point for each sample that has a value. */
    final MetricSnapshot gauge(
            String name, Unit unit, String help, List<T> samples, Function<T, Optional<Double>> value) {
        GaugeSnapshot.Builder gauge =
                GaugeSnapshot.builder().name(name).unit(unit).help(help);
        for (T sample : samples) {
            value.apply(sample)
                    .ifPresent(v -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(labels(sample))
                            .value(v)
                            .build()));
        }
        return gauge.build();
    }
}
