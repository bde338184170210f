package com.wmsanalytics.daemon;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigException;
import com.wmsanalytics.config.FreshnessObjective;
import com.wmsanalytics.http.Document;
import com.wmsanalytics.http.HttpEndpoint;
import com.wmsanalytics.http.HttpEndpointException;
import com.wmsanalytics.metrics.JvmMetrics;
import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.schedule.SchedulerService;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.web.FreshnessApi;
import com.wmsanalytics.web.FreshnessPage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The running service: metrics, the clustered scheduler firing the jobs, and the HTTP
 * endpoint. {@code run} and {@code demo --keep-running} start it the same way.
 */
public final class ServiceRuntime implements AutoCloseable {

    private final WmsAnalytics app;
    private final JvmMetrics jvm;
    private final RefreshMetrics metrics;
    private final AtomicReference<SchedulerService> scheduler;
    private final HttpEndpoint http;
    private final Clock clock;

    private ServiceRuntime(
            WmsAnalytics app,
            JvmMetrics jvm,
            RefreshMetrics metrics,
            AtomicReference<SchedulerService> scheduler,
            HttpEndpoint http,
            Clock clock) {
        this.app = app;
        this.jvm = jvm;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.http = http;
        this.clock = clock;
    }

    /** Checks the jobs against the replica, serves the metrics and health, then starts firing the jobs. */
    public static ServiceRuntime start(
            WmsAnalytics app, List<JobDefinition> jobs, PrometheusMeterRegistry registry, Clock clock) {
        ServiceRuntime service = serve(app, jobs, registry, clock);
        try {
            service.schedule(jobs);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Checks the jobs against the replica (reads only, so a standby will do) and serves the
     * metrics and health; nothing fires until {@link #schedule}.
     *
     * @param registry the registry the app's pools already report to
     */
    public static ServiceRuntime serve(
            WmsAnalytics app, List<JobDefinition> jobs, PrometheusMeterRegistry registry, Clock clock) {
        JobDefinitions.checkAgainst(jobs, app.groups(), app.viewNames());
        app.config().freshness().requireKnown(app.viewNames());
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        RefreshMetrics metrics = metrics(app, registry, clock);
        AtomicReference<SchedulerService> started = new AtomicReference<>();
        try {
            // The port first: a port in use must stop start-up before anything fires.
            HttpEndpoint http = endpoint(app, registry, () -> Optional.ofNullable(started.get()));
            jobs.forEach(j -> metrics.job(j.name()));
            metrics.readiness(() ->
                    problems(app, () -> Optional.ofNullable(started.get())).isEmpty());
            return new ServiceRuntime(app, jvm, metrics, started, http, clock);
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    /** Marks the runs of a dead instance interrupted, then starts firing the jobs. The replica must be writable. */
    public void schedule(List<JobDefinition> jobs) {
        app.recoverInterruptedRuns();
        scheduler.set(SchedulerService.start(app, jobs, new MetricsObserver(metrics), clock));
    }

    /** The service's metrics; subscriptions and view freshness are read from the replica at each scrape. */
    private static RefreshMetrics metrics(WmsAnalytics app, PrometheusMeterRegistry registry, Clock clock) {
        RefreshMetrics metrics = new RefreshMetrics(registry, clock);
        metrics.subscriptions(() -> reachable(app).subscriptionSamples().stream()
                .map(s -> new RefreshMetrics.SubscriptionSample(
                        s.publisher(),
                        s.subscription(),
                        optional(s.bytesBehind()),
                        optional(s.applyErrors()),
                        s.replayLag(),
                        s.slotStatus(),
                        optional(s.retainedWal()),
                        optional(s.safeWalSize()),
                        s.gap().isPresent()))
                .toList());
        metrics.roles(() -> List.of(new RefreshMetrics.RoleSample(
                "replica", reachable(app).replicaRole().standby())));
        metrics.views(() -> reachable(app).freshness().stream()
                .map(f -> new RefreshMetrics.ViewSample(
                        f.viewSchema() + "." + f.viewName(), f.lastSuccessAt(), f.dataAsOf(), f.lastDuration()))
                .toList());
        metrics.freshness(() -> reachable(app).freshnessStates().stream()
                .map(r -> new RefreshMetrics.FreshnessSample(
                        r.view(),
                        r.objective().map(FreshnessObjective::warnAfter),
                        r.objective().map(FreshnessObjective::errorAfter),
                        r.state().label()))
                .toList());
        return metrics;
    }

    /** The app, once the probe has found the replica reachable: a scrape during an outage fails fast. */
    private static WmsAnalytics reachable(WmsAnalytics app) {
        app.requireReplicaReachable();
        return app;
    }

    /** Fails start-up, naming the key, when the replica pool cannot serve every job thread. */
    public static void requireEnoughConnections(AppConfig config) {
        int needed = config.scheduler().threads() * (config.refresh().parallelism() + 2);
        if (config.poolSize() < needed) {
            throw new ConfigException(config.source() + ": wms-analytics.replica.pool-size: is " + config.poolSize()
                    + " but the service needs at least scheduler.threads x (refresh.parallelism + 2) = " + needed);
        }
    }

    public String instanceId() {
        return Optional.ofNullable(scheduler.get())
                .map(SchedulerService::instanceId)
                .orElse("not started");
    }

    /** Where the freshness page is served, if the endpoint is on. */
    public Optional<String> pageUrl(AppConfig config) {
        return Optional.ofNullable(http).map(h -> scheme(config) + config.http().host() + ":" + h.port() + "/");
    }

    /** Where the metrics are served, if the endpoint is on. */
    public Optional<String> metricsUrl(AppConfig config) {
        return Optional.ofNullable(http).map(h -> scheme(config) + config.http().host() + ":" + h.port() + "/metrics");
    }

    /** https:// when a web configuration file is given, since it is where TLS is set. */
    private static String scheme(AppConfig config) {
        return config.http().webConfigFile().isPresent() ? "https://" : "http://";
    }

    private static HttpEndpoint endpoint(
            WmsAnalytics app, PrometheusMeterRegistry registry, Supplier<Optional<SchedulerService>> scheduler) {
        AppConfig config = app.config();
        if (!config.http().enabled()) {
            return null;
        }
        try {
            return HttpEndpoint.start(
                    config.http(),
                    registry,
                    () -> problems(app, scheduler),
                    Map.of(
                            "/",
                            () -> Document.html(FreshnessPage.render(app.overview())),
                            "/api/freshness",
                            () -> Document.json(FreshnessApi.render(app.overview()))));
        } catch (HttpEndpointException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Why this instance is not ready: what /health/ready answers and wms_analytics_ready exports. */
    private static List<String> problems(WmsAnalytics app, Supplier<Optional<SchedulerService>> scheduler) {
        List<String> problems = new ArrayList<>(app.replicaProblems());
        // The cluster check-in is read from the replica: it would only wait for the same outage.
        boolean storeReachable = problems.isEmpty();
        if (storeReachable) {
            problems.addAll(app.gaps());
        }
        problems.addAll(
                scheduler.get().map(s -> s.problems(storeReachable)).orElse(List.of("the scheduler is starting")));
        return problems;
    }

    private static OptionalLong optional(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Stops firing, lets running refreshes finish, then stops serving. */
    @Override
    public void close() {
        try {
            Optional.ofNullable(scheduler.get()).ifPresent(SchedulerService::close);
        } finally {
            if (http != null) {
                http.close();
            }
            jvm.close();
        }
    }
}
