package com.wmsanalytics.cli;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.daemon.ServiceRuntime;
import com.wmsanalytics.metrics.PoolMetrics;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.service.WmsAnalytics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the service that fires the scheduled refreshes.",
            "",
            "Fires the jobs of the jobs directory with Quartz, each through the catch-up gate, records every run,"
                    + " and serves /metrics and /health on the HTTP endpoint. Several instances against one replica"
                    + " form a cluster in which each firing runs once. SIGTERM stops new firings, lets running"
                    + " refreshes finish (up to scheduler.shutdown-timeout) and exits 0."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.nanoTime();
        AppConfig config = root.context().loadConfig(options);
        List<JobDefinition> jobs = JobDefinitions.load(config.scheduler().jobsDir());
        ServiceRuntime.requireEnoughConnections(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StopSignal stop = StopSignal.install();
        try (WmsAnalytics app = new WmsAnalytics(config, root.context().clock(), PoolMetrics.hikariTracker(registry));
                ServiceRuntime service =
                        ServiceRuntime.serve(app, jobs, registry, root.context().clock())) {
            if (!StandbyWait.untilWritable(app, stop, config.scheduler().clusterCheckinInterval())) {
                log.info("wms-analytics - stopping before the replica became writable");
                return 0;
            }
            service.schedule(jobs);
            log.info(
                    "wms-analytics - running {} job(s) as instance {}{}{}; started in {} ms",
                    jobs.size(),
                    service.instanceId(),
                    service.pageUrl(config)
                            .map(url -> ", freshness page at " + url)
                            .orElse(""),
                    service.metricsUrl(config).map(url -> ", metrics at " + url).orElse(""),
                    (System.nanoTime() - start) / 1_000_000);
            stop.await();
            log.info("wms-analytics - stopping");
            return 0;
        }
    }

    /** Blocks until SIGTERM or SIGINT, so that the orderly stop runs here and the exit code is 0. */
    static void awaitStopSignal() throws InterruptedException {
        StopSignal.install().await();
    }
}
