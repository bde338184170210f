package com.wmsanalytics.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the jobs back into the scheduler's store when the store has lost them. The store lives
 * on the replica: a node promoted from a stale standby, or restored from a backup, can lack the
 * jobs and triggers that this instance scheduled, and Quartz then fires nothing there and says
 * nothing. Every {@code scheduler.cluster-checkin-interval}, each enabled job's trigger is looked
 * up, and the jobs are reconciled again if one is missing. The loop never dies: a failure (the
 * replica is down) is logged at debug and tried again next time.
 */
final class StoreWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);

    private final ScheduledExecutorService executor;

    private StoreWatch(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static StoreWatch start(Scheduler scheduler, List<JobDefinition> jobs, Duration interval, Clock clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scheduler-store-watch");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> check(scheduler, jobs, clock), millis, millis, TimeUnit.MILLISECONDS);
        return new StoreWatch(executor);
    }

    private static void check(Scheduler scheduler, List<JobDefinition> jobs, Clock clock) {
        try {
            JobReconciler reconciler = new JobReconciler(scheduler, clock.instant());
            List<String> missing = reconciler.missing(jobs);
            if (!missing.isEmpty()) {
                log.warn(
                        "scheduler - the store lacks the triggers of {} (a node promoted from a stale standby, or"
                                + " restored): scheduling them again",
                        String.join(", ", missing));
                reconciler.reconcile(jobs);
            }
        } catch (SchedulerException | RuntimeException e) {
            log.debug("scheduler - could not check the store's triggers, will try again: {}", e.getMessage(), e);
        }
    }

    /** Stops the checks; safe to call twice. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
