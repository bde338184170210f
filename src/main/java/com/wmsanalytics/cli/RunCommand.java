package com.wmsanalytics.cli;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.http.PoolMetrics;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.service.WmsAnalytics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
        ServiceRuntime.requireEnoughConnections(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (WmsAnalytics app = new WmsAnalytics(config, root.context().clock(), PoolMetrics.hikariTracker(registry))) {
            app.recoverInterruptedRuns();
            try (ServiceRuntime service = ServiceRuntime.start(app, jobs, registry, root.context().clock())) {
                log.info("wms-analytics - running {} job(s) as instance {}{}{}; started in {} ms", jobs.size(),
                        service.instanceId(), service.pageUrl(config).map(url -> ", freshness page at " + url).orElse(""),
                        service.metricsUrl(config).map(url -> ", metrics at " + url).orElse(""),
                        (System.nanoTime() - start) / 1_000_000);
                awaitStopSignal();
                log.info("wms-analytics - stopping");
            }
            return 0;
        }
    }

    /** Blocks until SIGTERM or SIGINT, so that the orderly stop runs here and the exit code is 0. */
    static void awaitStopSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                log.info("wms-analytics - received SIG{}", name);
                stop.countDown();
            });
        }
        stop.await();
    }
}
