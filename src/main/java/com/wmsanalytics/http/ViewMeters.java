package com.wmsanalytics.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One view's series. A gauge appears once it has a value: the success gauges after the first
 * success, the data-as-of age after the first success that knew its data-as-of time.
 */
final class ViewMeters {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Tags tags;
    private final Counter failures;
    private final Set<String> gauges = new HashSet<>();
    private volatile Instant lastSuccess;
    private volatile Duration lastDuration;
    private volatile long lastRows;
    private volatile Instant dataAsOf;

    ViewMeters(MeterRegistry registry, Clock clock, String view) {
        this.registry = registry;
        this.clock = clock;
        this.tags = Tags.of("view", view);
        this.failures = Counter.builder("wms_analytics.view.failures")
                .description("Refresh attempts of the view that failed, were blocked or found it locked")
                .tags(tags).register(registry);
    }

    synchronized void finished(String status, Duration duration, OptionalLong rows, Instant finishedAt,
            Optional<Instant> asOf) {
        if (!status.equals("succeeded")) {
            failed(status, duration);
            return;
        }
        ran(duration);
        lastSuccess = finishedAt;
        gauge("wms_analytics.view.last.success.timestamp", "seconds", "When the view last refreshed successfully",
                m -> epochSeconds(m.lastSuccess));
        rows.ifPresent(this::rows);
        asOf.ifPresent(this::dataAsOf);
    }

    private void failed(String status, Duration duration) {
        failures.increment();
        if (status.equals("failed")) {
            ran(duration);
        }
    }

    private void ran(Duration duration) {
        lastDuration = duration;
        gauge("wms_analytics.view.last.refresh.duration", "seconds",
                "How long the view's last refresh ran, successful or failed",
                m -> seconds(m.lastDuration));
    }

    private void rows(long rows) {
        lastRows = rows;
        gauge("wms_analytics.view.last.rows", null, "Rows in the view after its last successful refresh",
                m -> m.lastRows);
    }

    private void dataAsOf(Instant asOf) {
        dataAsOf = asOf;
        gauge("wms_analytics.view.data.as.of.age", "seconds",
                "Now minus the data-as-of time (publisher time) of the view's last successful refresh",
                m -> seconds(Duration.between(m.dataAsOf, m.clock.instant())));
    }

    /** Registers the gauge the first time only: Micrometer warns about registering one twice. */
    private void gauge(String name, String unit, String help, ToDoubleFunction<ViewMeters> value) {
        if (!gauges.add(name)) {
            return;
        }
        Gauge.builder(name, this, value).baseUnit(unit).description(help).tags(tags).strongReference(true)
                .register(registry);
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
