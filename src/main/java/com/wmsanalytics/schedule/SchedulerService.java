package com.wmsanalytics.schedule;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.SchedulerSettings;
import com.wmsanalytics.db.Pools;
import com.wmsanalytics.service.WmsAnalytics;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of {@code wms-analytics run}: Quartz with its JDBC JobStore in the replica's
 * {@code analytics_control} schema, clustered, firing the jobs of {@code jobs/}.
 */
public final class SchedulerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerService.class);

    private final Scheduler scheduler;
    private final HikariDataSource pool;
    private final Duration shutdownTimeout;
    private final StoreWatch watch;
    private volatile boolean stopped;

    private SchedulerService(Scheduler scheduler, HikariDataSource pool, Duration shutdownTimeout, StoreWatch watch) {
        this.scheduler = scheduler;
        this.pool = pool;
        this.shutdownTimeout = shutdownTimeout;
        this.watch = watch;
    }

    /** Creates the scheduler, reconciles the store with the jobs and starts firing. */
    public static SchedulerService start(
            WmsAnalytics app, List<JobDefinition> jobs, RunObserver observer, Clock clock) {
        AppConfig config = app.config();
        SchedulerSettings settings = config.scheduler();
        HikariDataSource pool =
                Pools.open("scheduler", config.replica(), settings.threads() + 3, config.connectTimeout());
        Scheduler scheduler = null;
        try {
            scheduler = new StdSchedulerFactory(QuartzProperties.of(settings, QuartzConnections.register(pool)))
                    .getScheduler();
            scheduler.setJobFactory(jobFactory(app, jobs, observer, clock, pool));
            new JobReconciler(scheduler, clock.instant()).reconcile(jobs);
            scheduler.start();
            log.info(
                    "scheduler - started as instance {} of cluster {}",
                    scheduler.getSchedulerInstanceId(),
                    settings.instanceName());
            return new SchedulerService(
                    scheduler,
                    pool,
                    settings.shutdownTimeout(),
                    StoreWatch.start(scheduler, jobs, settings.clusterCheckinInterval(), clock));
        } catch (SchedulerException | RuntimeException e) {
            shutDownQuietly(scheduler);
            pool.close();
            throw new SchedulerStartException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Takes a half-started scheduler out of Quartz's registry, so that a later start is clean. */
    private static void shutDownQuietly(Scheduler scheduler) {
        try {
            if (scheduler != null) {
                scheduler.shutdown(false);
            }
        } catch (SchedulerException e) {
            log.warn("scheduler - could not shut down after a failed start: {}", e.getMessage());
        }
    }

    private static JobFactory jobFactory(
            WmsAnalytics app, List<JobDefinition> jobs, RunObserver observer, Clock clock, HikariDataSource pool) {
        Map<String, JobDefinition> byName =
                jobs.stream().collect(Collectors.toMap(JobDefinition::name, Function.identity()));
        RefreshJob refresh = new RefreshJob(
                byName,
                new ScheduledRefresh(app, observer, clock),
                app.config().scheduler().storeRetryInterval(),
                () -> evict(pool),
                app.sleeper());
        HousekeepingJob housekeeping = new HousekeepingJob(app, observer);
        return (bundle, scheduler) -> bundle.getJobDetail().getJobClass() == RefreshJob.class ? refresh : housekeeping;
    }

    /**
     * Retires the store's pooled connections: they may lead to a node that is a standby now,
     * and the next ones go to the writable node of a multi-host URL.
     */
    private static void evict(HikariDataSource pool) {
        if (pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }

    /** Fires a job now, outside its schedule, as one firing of the cluster. */
    public void fireNow(String job) {
        try {
            scheduler.triggerJob(QuartzKeys.refresh(job));
        } catch (SchedulerException e) {
            throw new SchedulerStartException("cannot fire " + job + ": " + e.getMessage(), e);
        }
    }

    /** Why this instance is not ready: empty when it is started and checked in to the cluster. */
    public List<String> problems() {
        return problems(true);
    }

    /**
     * As {@link #problems()}; without {@code storeReachable} the cluster check-in, which is read
     * from the replica, is not looked at.
     */
    public List<String> problems(boolean storeReachable) {
        List<String> problems = new ArrayList<>();
        try {
            if (stopped || !scheduler.isStarted() || scheduler.isInStandbyMode() || scheduler.isShutdown()) {
                problems.add("the scheduler is not running");
            } else if (storeReachable
                    && !new ClusterMembership(pool)
                            .checkedIn(scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId())) {
                problems.add("this instance has not checked in to the cluster");
            }
        } catch (SchedulerException | RuntimeException e) {
            problems.add("cannot check the scheduler: " + e.getMessage());
        }
        return problems;
    }

    /**
     * Stops firing and lets running refreshes finish, for up to {@code scheduler.shutdown-timeout}.
     * A refresh still running then is abandoned: its transaction rolls back when the process
     * ends and its run is marked interrupted at the next start. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        watch.close();
        Thread shutdown = new Thread(this::shutdownWaiting, "scheduler-shutdown");
        shutdown.start();
        try {
            shutdown.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdown.isAlive()) {
            log.warn(
                    "scheduler - refreshes still running after {}; they are abandoned and will show as interrupted",
                    shutdownTimeout);
        }
        pool.close();
    }

    private void shutdownWaiting() {
        try {
            log.info("scheduler - stopping: no new firings, waiting for running refreshes");
            scheduler.shutdown(true);
            log.info("scheduler - stopped");
        } catch (SchedulerException e) {
            log.error("scheduler - shutdown failed: {}", e.getMessage(), e);
        }
    }
}
