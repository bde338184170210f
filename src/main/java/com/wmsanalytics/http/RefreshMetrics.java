package com.wmsanalytics.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the service feeds in: view and run outcomes, gate waits, and where to read the
 * subscriptions from at scrape time. Thread-safe. One per registry.
 */
public final class RefreshMetrics {

    /** One subscription as read at scrape time; an empty value exports no series for it. */
    public record SubscriptionSample(String publisher, String subscription, OptionalLong bytesBehind,
            OptionalLong applyErrors) {}

    private static final Set<String> VIEW_STATUSES = Set.of("succeeded", "failed", "blocked", "locked");
    private static final List<String> RUN_STATUSES = List.of("succeeded", "failed", "skipped", "ungated", "interrupted");
    private static final Duration[] GATE_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
        Duration.ofMinutes(10)};

    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Map<String, ViewMeters> views = new ConcurrentHashMap<>();
    private final SubscriptionCollector subscriptions;

    public RefreshMetrics(PrometheusMeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.subscriptions = new SubscriptionCollector(Counter.builder("wms_analytics.scrape.errors")
                .description("Scrapes whose subscription series could not be read").register(registry));
        registry.getPrometheusRegistry().register(subscriptions);
    }

    /** A view finished a refresh attempt: status is succeeded|failed|blocked|locked. */
    public void viewFinished(String view, String status, Duration duration, OptionalLong rows, Instant finishedAt,
            Optional<Instant> dataAsOf) {
        check(VIEW_STATUSES.contains(status), "view status", status);
        views.computeIfAbsent(Objects.requireNonNull(view, "view"), v -> new ViewMeters(registry, clock, v))
                .finished(status, duration, rows, finishedAt, dataAsOf);
    }

    /** A run ended with status succeeded|failed|skipped|ungated|interrupted. */
    public void runFinished(String job, String status) {
        check(RUN_STATUSES.contains(status), "run status", status);
        RUN_STATUSES.forEach(s -> runs(job, s));
        runs(job, status).increment();
    }

    public void gateWaited(String job, Duration waited) {
        Timer.builder("wms_analytics.gate.wait")
                .description("How long runs waited for the replica to catch up")
                .tag("job", job)
                .serviceLevelObjectives(GATE_BUCKETS)
                .register(registry)
                .record(waited);
    }

    /** Called at scrape time for per-subscription gauges. A later call replaces the source. */
    public void subscriptions(Supplier<List<SubscriptionSample>> source) {
        subscriptions.source(Objects.requireNonNull(source, "source"));
    }

    /** Every status of a job is registered on first sight, so a later first increment is seen. */
    private Counter runs(String job, String status) {
        return Counter.builder("wms_analytics.runs").description("Runs that ended, by job and status")
                .tag("job", job).tag("status", status).register(registry);
    }

    private static void check(boolean known, String what, String status) {
        if (!known) {
            throw new IllegalArgumentException("unknown " + what + ": " + status);
        }
    }
}
