package com.wmsanalytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the service feeds in: view and run outcomes and gate waits, counted as they happen by
 * this instance, and where to read the subscriptions and the views' freshness from at scrape
 * time. Thread-safe. One per registry.
 */
public final class RefreshMetrics {

    /** One subscription as read at scrape time; an empty value exports no series for it. */
    public record SubscriptionSample(
            String publisher,
            String subscription,
            OptionalLong bytesBehind,
            OptionalLong applyErrors,
            Optional<Duration> replayLag,
            Optional<String> walStatus,
            OptionalLong retainedWal,
            OptionalLong safeWalSize,
            boolean gap) {

        /** A subscription without a gap. */
        public SubscriptionSample(
                String publisher,
                String subscription,
                OptionalLong bytesBehind,
                OptionalLong applyErrors,
                Optional<Duration> replayLag,
                Optional<String> walStatus,
                OptionalLong retainedWal,
                OptionalLong safeWalSize) {
            this(
                    publisher,
                    subscription,
                    bytesBehind,
                    applyErrors,
                    replayLag,
                    walStatus,
                    retainedWal,
                    safeWalSize,
                    false);
        }

        /** A subscription without a slot or walsender to report on. */
        public SubscriptionSample(
                String publisher, String subscription, OptionalLong bytesBehind, OptionalLong applyErrors) {
            this(
                    publisher,
                    subscription,
                    bytesBehind,
                    applyErrors,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty());
        }
    }

    /**
     * One view's freshness as the run history has it at scrape time.
     *
     * @param view {@code schema.name}
     * @param lastSuccessAt when its last successful refresh finished; empty if it never succeeded
     * @param dataAsOf the data-as-of time of that refresh; empty if it ran without a satisfied gate
     * @param lastDuration how long that refresh ran
     */
    public record ViewSample(
            String view,
            Optional<Instant> lastSuccessAt,
            Optional<Instant> dataAsOf,
            Optional<Duration> lastDuration) {}

    /** One node's role as read at scrape time: {@code node} is {@code replica}. */
    public record RoleSample(String node, boolean standby) {}

    /**
     * One report's freshness objective and state at scrape time.
     *
     * @param state fresh, warn, error or unknown
     */
    public record FreshnessSample(
            String view, Optional<Duration> warnAfter, Optional<Duration> errorAfter, String state) {}

    private static final Set<String> VIEW_STATUSES = Set.of("succeeded", "failed", "blocked", "locked");
    private static final List<String> RUN_STATUSES =
            List.of("succeeded", "failed", "skipped", "ungated", "interrupted", "coalesced");
    private static final Duration[] GATE_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10)
    };

    private final PrometheusMeterRegistry registry;
    private final Map<String, ReportMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> verifyDifferences = new ConcurrentHashMap<>();
    private final SubscriptionCollector subscriptions;
    private final ReportCollector views;
    private final RoleCollector roles;
    private final FreshnessCollector freshness;

    /** @param clock the "now" of the data-as-of ages */
    public RefreshMetrics(PrometheusMeterRegistry registry, Clock clock) {
        this.registry = registry;
        Counter scrapeErrors = Counter.builder("wms_analytics.scrape.errors")
                .description("Scrape-time reads (subscriptions, view freshness) that failed and left their series out")
                .register(registry);
        this.subscriptions = new SubscriptionCollector(scrapeErrors);
        this.views = new ReportCollector(scrapeErrors, clock);
        registry.getPrometheusRegistry().register(subscriptions);
        this.freshness = new FreshnessCollector(scrapeErrors);
        registry.getPrometheusRegistry().register(views);
        this.roles = new RoleCollector(scrapeErrors);
        registry.getPrometheusRegistry().register(roles);
        registry.getPrometheusRegistry().register(freshness);
        purges("succeeded");
        purges("failed");
    }

    /**
     * A refresh attempt of a view by this instance finished: status is
     * succeeded|failed|blocked|locked; rows, if known, of a success.
     */
    public void viewFinished(String view, String status, OptionalLong rows) {
        check(VIEW_STATUSES.contains(status), "view status", status);
        meters.computeIfAbsent(Objects.requireNonNull(view, "view"), v -> new ReportMeters(registry, v))
                .finished(status, rows);
    }

    /**
     * A successful refresh of a view by this instance, in mode concurrent|plain|incremental|full;
     * for an incremental report also the buckets it recomputed and the rows it deleted and inserted.
     */
    public void viewRefreshed(String view, String mode, long buckets, long rowsDeleted, long rowsInserted) {
        Tags tags = Tags.of("view", Objects.requireNonNull(view, "view"));
        registry.counter("wms_analytics.view.refreshes", tags.and("mode", mode)).increment();
        registry.counter("wms_analytics.view.buckets.recomputed", tags).increment(buckets);
        registry.counter("wms_analytics.view.rows.rewritten", tags.and("change", "deleted"))
                .increment(rowsDeleted);
        registry.counter("wms_analytics.view.rows.rewritten", tags.and("change", "inserted"))
                .increment(rowsInserted);
    }

    /**
     * A verify job checked a report: how many of its buckets differed from its definition
     * (before a repair). A gauge per report, and a counter of the differences found.
     */
    public void verified(String view, long differingBuckets) {
        Tags tags = Tags.of("view", Objects.requireNonNull(view, "view"));
        verifyDifferences
                .computeIfAbsent(view, v -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("wms_analytics.verify.differing.buckets", value, AtomicLong::get)
                            .description(
                                    "Buckets of the report that differed from its definition at the last verify of this instance")
                            .tags(tags)
                            .strongReference(true)
                            .register(registry);
                    return value;
                })
                .set(differingBuckets);
        registry.counter("wms_analytics.verify.differences", tags).increment(differingBuckets);
    }

    /** A run ended with status succeeded|failed|skipped|ungated|interrupted. */
    public void runFinished(String job, String status) {
        check(RUN_STATUSES.contains(status), "run status", status);
        RUN_STATUSES.forEach(s -> runs(job, s));
        runs(job, status).increment();
    }

    public void gateWaited(String job, Duration waited) {
        gateWait(job).record(waited);
    }

    private Timer gateWait(String job) {
        return Timer.builder("wms_analytics.gate.wait")
                .description("How long runs waited for the replica to catch up")
                .tag("job", job)
                .serviceLevelObjectives(GATE_BUCKETS)
                .register(registry);
    }

    /** Called at scrape time for per-subscription gauges. A later call replaces the source. */
    public void subscriptions(Supplier<List<SubscriptionSample>> source) {
        subscriptions.source(Objects.requireNonNull(source, "source"));
    }

    /**
     * Called at scrape time for the per-view last success, last duration and data-as-of age
     * gauges. A later call replaces the source.
     */
    public void views(Supplier<List<ViewSample>> source) {
        views.source(Objects.requireNonNull(source, "source"));
    }

    /** Called at scrape time for the nodes' in-recovery gauge. A later call replaces the source. */
    public void roles(Supplier<List<RoleSample>> source) {
        roles.source(Objects.requireNonNull(source, "source"));
    }

    /** Called at scrape time for each report's freshness objective and state. A later call replaces the source. */
    public void freshness(Supplier<List<FreshnessSample>> source) {
        freshness.source(Objects.requireNonNull(source, "source"));
    }

    /**
     * A job this instance may run: its run counters (every status) and its gate-wait histogram
     * are exported at zero from the start, so that rates and alerts have a series before its first run.
     */
    public void job(String job) {
        RUN_STATUSES.forEach(s -> runs(job, s));
        gateWait(job);
    }

    /** The daily history purge of this instance succeeded or failed. */
    public void historyPurged(boolean succeeded) {
        purges(succeeded ? "succeeded" : "failed").increment();
    }

    /**
     * This instance's readiness (as {@code /health/ready} answers it), read at each scrape: 1
     * ready, 0 not. An alert on the maximum over instances finds a cluster with none ready.
     */
    public void readiness(java.util.function.BooleanSupplier ready) {
        Gauge.builder("wms_analytics.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 when this instance is ready (replica reachable, scheduler running, checked in), else 0")
                .strongReference(true)
                .register(registry);
    }

    private Counter purges(String status) {
        return Counter.builder("wms_analytics.history.purges")
                .description("Daily history purges by this instance, by outcome")
                .tag("status", status)
                .register(registry);
    }

    /** Every status of a job is registered on first sight, so a later first increment is seen. */
    private Counter runs(String job, String status) {
        return Counter.builder("wms_analytics.runs")
                .description("Runs that ended, by job and status")
                .tag("job", job)
                .tag("status", status)
                .register(registry);
    }

    private static void check(boolean known, String what, String status) {
        if (!known) {
            throw new IllegalArgumentException("unknown " + what + ": " + status);
        }
    }
}
