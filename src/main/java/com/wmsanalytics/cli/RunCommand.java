package com.wmsanalytics.cli;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigException;
import com.wmsanalytics.http.HttpEndpoint;
import com.wmsanalytics.http.HttpEndpointException;
import com.wmsanalytics.http.JvmMetrics;
import com.wmsanalytics.http.PoolMetrics;
import com.wmsanalytics.http.RefreshMetrics;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.schedule.MetricsObserver;
import com.wmsanalytics.schedule.SchedulerService;
import com.wmsanalytics.service.WmsAnalytics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service: fires the jobs of the jobs directory with Quartz, each through the catch-up",
                "gate, records every run, and serves /metrics and /health on the HTTP endpoint. Several instances",
                "against one replica form a cluster in which each firing runs once. SIGTERM stops new firings, lets",
                "running refreshes finish (up to scheduler.shutdown-timeout) and exits 0."})
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand RootCommand root;
    @Mixin CommonOptions options;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        AppConfig config = root.context().loadConfig(options);
        List<JobDefinition> jobs = JobDefinitions.load(config.scheduler().jobsDir());
        requireEnoughConnections(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (WmsAnalytics app = new WmsAnalytics(config, root.context().clock(), PoolMetrics.hikariTracker(registry));
                JvmMetrics jvm = JvmMetrics.bindTo(registry)) {
            app.recoverInterruptedRuns();
            JobDefinitions.checkAgainst(jobs, app.groups(), app.viewNames());
            RefreshMetrics metrics = new RefreshMetrics(registry, root.context().clock());
            metrics.subscriptions(() -> app.subscriptionSamples().stream()
                    .map(s -> new RefreshMetrics.SubscriptionSample(s.publisher(), s.subscription(),
                            optional(s.bytesBehind()), optional(s.applyErrors())))
                    .toList());
            try (SchedulerService scheduler = SchedulerService.start(app, jobs, new MetricsObserver(metrics, root.context().clock()),
                    root.context().clock()); HttpEndpoint http = endpoint(config, registry, app, scheduler)) {
                log.info("wms-analytics - running {} job(s) as instance {}{}; started in {} ms", jobs.size(), scheduler.instanceId(),
                        http == null ? "" : ", metrics at http://" + config.http().host() + ":" + http.port() + "/metrics",
                        (System.nanoTime() - start) / 1_000_000);
                awaitStopSignal();
                log.info("wms-analytics - stopping");
            }
            return 0;
        }
    }

    private static void requireEnoughConnections(AppConfig config) {
        int needed = config.scheduler().threads() * (config.refresh().parallelism() + 2);
        if (config.poolSize() < needed) {
            throw new ConfigException(config.source() + ": wms-analytics.replica.pool-size: is " + config.poolSize()
                    + " but the service needs at least scheduler.threads x (refresh.parallelism + 2) = " + needed);
        }
    }

    private static HttpEndpoint endpoint(AppConfig config, PrometheusMeterRegistry registry, WmsAnalytics app,
            SchedulerService scheduler) {
        if (!config.http().enabled()) {
            return null;
        }
        try {
            return HttpEndpoint.start(config.http().host(), config.http().port(), registry, () -> {
                List<String> problems = new ArrayList<>(app.replicaProblems());
                problems.addAll(scheduler.problems());
                return problems;
            });
        } catch (HttpEndpointException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Blocks until SIGTERM or SIGINT, so that the orderly stop runs here and the exit code is 0. */
    @SuppressWarnings("restriction")
    private static void awaitStopSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                log.info("wms-analytics - received SIG{}", name);
                stop.countDown();
            });
        }
        stop.await();
    }

    private static java.util.OptionalLong optional(java.util.Optional<Long> value) {
        return value.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }
}
