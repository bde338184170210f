package com.wmsanalytics.schedule;

import com.wmsanalytics.clock.Sleeper;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.db.SqlStates;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.replication.failover.ResyncNeededException;
import com.wmsanalytics.replication.server.StandbyRefusedException;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every job file's firing: a refresh, a verify or a backup. One firing of a job runs at a time across the
 * cluster; after a skipped or failed run it schedules the retry its policy allows. A firing
 * refused because the replica is a standby or a subscription has a gap is held back until it
 * can run. An error is logged here and never stops the scheduler.
 */
@DisallowConcurrentExecution
final class RefreshJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RefreshJob.class);

    private final Map<String, JobDefinition> jobs;
    private final ScheduledRefresh refresh;
    private final Duration retryInterval;
    private final Runnable onStandby;
    private final Sleeper sleeper;

    /**
     * @param retryInterval how often a held firing, or the retry of a firing while the store is
     *     down, is tried again
     * @param onStandby what to do when the replica turned out to be a standby: evict the store's
     *     connections, so that the next ones go to the writable node
     * @param sleeper how a held firing waits before it is tried again: the thread sleeps, a test's
     *     clock moves
     */
    RefreshJob(
            Map<String, JobDefinition> jobs,
            ScheduledRefresh refresh,
            Duration retryInterval,
            Runnable onStandby,
            Sleeper sleeper) {
        this.jobs = Map.copyOf(jobs);
        this.refresh = refresh;
        this.retryInterval = retryInterval;
        this.onStandby = onStandby;
        this.sleeper = sleeper;
    }

    @Override
    public void execute(JobExecutionContext context) {
        Firing firing = Firing.of(context);
        JobDefinition job = jobs.get(firing.job());
        if (job == null) {
            log.warn(
                    "{} - not in the jobs directory of this instance; firing for {} ignored",
                    firing.job(),
                    firing.scheduledFor());
            return;
        }
        Optional<Instant> due =
                job.coalesce() ? laterFiringDue(firing, context.getNextFireTime(), Instant.now()) : Optional.empty();
        if (due.isPresent()) {
            refresh.coalesced(job, firing, due.get());
            return;
        }
        if (job.action() == JobDefinition.Action.VERIFY) {
            verify(job, firing);
            return;
        }
        if (job.action() == JobDefinition.Action.BACKUP) {
            backup(job, firing);
            return;
        }
        Scheduler scheduler = context.getScheduler();
        FiringHold hold = new FiringHold(job.name(), firing, retryInterval, sleeper, () -> stopping(scheduler));
        Firing next = firing;
        Firing announced = null;
        while (true) {
            Firing current = next;
            boolean announce = !current.equals(announced);
            announced = current;
            try {
                RefreshReport report = refresh.run(job, current, announce);
                hold.released();
                scheduleRetry(
                        scheduler,
                        job,
                        current,
                        report.status(),
                        () -> Optional.of(current.retryOf().orElse(report.runId())));
                return;
            } catch (StandbyRefusedException e) {
                onStandby.run();
                if (!hold.await(e.getMessage(), e.getMessage())) {
                    return;
                }
            } catch (ResyncNeededException e) {
                if (!hold.await(ResyncNeededException.class, e.getMessage())) {
                    return;
                }
            } catch (RuntimeException e) {
                if (SqlStates.isConnectionFailure(e) || e instanceof ConnectionException) {
                    Optional<Firing> again = afterLostConnection(hold, current);
                    if (hold.givenUp()) {
                        return;
                    }
                    if (again.isPresent()) {
                        next = again.get();
                        continue;
                    }
                }
                log.error(
                        "{} - firing for {} failed: {}; the scheduler keeps running",
                        job.name(),
                        current.scheduledFor(),
                        ErrorMessages.serverMessage(e));
                log.debug("{} - firing failure", job.name(), e);
                refresh.failed(job);
                scheduleRetry(scheduler, job, current, RunStatus.FAILED, () -> refresh.firstRun(current));
                return;
            }
        }
    }

    /**
     * For a job that coalesces ({@code job.coalesce}): the job's next fire time, when a scheduled
     * firing starts after it. The firing is then stale: the later one fires as soon as this one
     * returns, so this one gives way to it. A job whose runs outlast its cadence thus runs back
     * to back on the latest fire time, rather than working through the fire times it fell behind
     * until they are a misfire threshold late (Quartz leaves those to its misfire scan, which can
     * take that threshold again). {@code now} is Quartz's clock, the system's, by which both
     * firings came due. A retry has no next fire time of its own.
     */
    static Optional<Instant> laterFiringDue(Firing firing, Date next, Instant now) {
        if (!firing.scheduled() || next == null) {
            return Optional.empty();
        }
        Instant at = next.toInstant();
        return at.isAfter(now) ? Optional.empty() : Optional.of(at);
    }

    /**
     * After a lost connection, as in a switchover: waits while the replica cannot be read, then
     * returns what to run. That is the firing itself when it recorded no run, or a retry of its
     * run when that was left running (the next refresh marks it interrupted). It is empty when
     * its run was recorded as finished (a publisher was lost: the failure takes the job's retry
     * policy), or when the scheduler stops.
     */
    private Optional<Firing> afterLostConnection(FiringHold hold, Firing firing) {
        while (true) {
            try {
                return refresh.recordedRun(firing)
                        .map(run -> run.status() == RunStatus.RUNNING || run.status() == RunStatus.INTERRUPTED
                                ? Optional.of(
                                        firing.retryOf(refresh.firstRun(firing).orElse(run.runId())))
                                : Optional.<Firing>empty())
                        .orElse(Optional.of(firing));
            } catch (RuntimeException stillDown) {
                if (!hold.await(
                        ConnectionException.class,
                        "the replica is not reachable: " + ErrorMessages.serverMessage(stillDown))) {
                    return Optional.empty();
                }
            }
        }
    }

    /** A verify firing: one check, no retries; an error is logged and the scheduler keeps running. */
    private void verify(JobDefinition job, Firing firing) {
        try {
            refresh.verify(job, firing);
        } catch (StandbyRefusedException e) {
            log.warn("{} - verify firing for {} refused: {}", job.name(), firing.scheduledFor(), e.getMessage());
        } catch (RuntimeException e) {
            log.error(
                    "{} - verify firing for {} failed: {}; the scheduler keeps running",
                    job.name(),
                    firing.scheduledFor(),
                    e.getMessage());
            log.debug("{} - verify failure", job.name(), e);
            refresh.failed(job);
        }
    }

    /** A backup firing: one backup, no retries; an error is logged and the scheduler keeps running. */
    private void backup(JobDefinition job, Firing firing) {
        try {
            refresh.backup(job, firing);
        } catch (RuntimeException e) {
            log.error(
                    "{} - backup firing for {} failed: {}; the scheduler keeps running",
                    job.name(),
                    firing.scheduledFor(),
                    e.getMessage());
            log.debug("{} - backup failure", job.name(), e);
            refresh.failed(job);
        }
    }

    /**
     * Schedules the retry the job's policy allows, if any. While the store (the replica) cannot
     * be reached, as during a switchover, it tries again every {@code retryInterval}: a run
     * interrupted by the outage still gets its retry on the node that takes over.
     */
    private void scheduleRetry(
            Scheduler scheduler,
            JobDefinition job,
            Firing firing,
            RunStatus status,
            Supplier<Optional<Long>> firstRun) {
        boolean logged = false;
        while (true) {
            try {
                retryIfAllowed(scheduler, job, firing, status, firstRun.get());
                return;
            } catch (SchedulerException | RuntimeException e) {
                if (!SqlStates.isConnectionFailure(e)) {
                    log.error(
                            "{} - cannot schedule the retry of the firing for {}: {}",
                            job.name(),
                            firing.scheduledFor(),
                            e.getMessage(),
                            e);
                    return;
                }
                if (!logged) {
                    log.warn(
                            "{} - cannot schedule the retry of the firing for {} while the replica is not"
                                    + " reachable: {}; trying again every {}",
                            job.name(),
                            firing.scheduledFor(),
                            ErrorMessages.serverMessage(e),
                            retryInterval);
                    logged = true;
                }
                if (!pause(scheduler)) {
                    log.warn(
                            "{} - the retry of the firing for {} is not scheduled: the scheduler is stopping",
                            job.name(),
                            firing.scheduledFor());
                    return;
                }
            }
        }
    }

    /** Waits one retry interval; false when the scheduler is stopping. */
    private boolean pause(Scheduler scheduler) {
        try {
            sleeper.sleep(retryInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopping(scheduler);
    }

    private static boolean stopping(Scheduler scheduler) {
        try {
            return scheduler.isInStandbyMode() || scheduler.isShutdown();
        } catch (SchedulerException e) {
            return true;
        }
    }

    private void retryIfAllowed(
            Scheduler scheduler, JobDefinition job, Firing firing, RunStatus status, Optional<Long> firstRun)
            throws SchedulerException {
        Instant now = refresh.clock().instant();
        Optional<Instant> at =
                RetryDecision.next(status, firing.attempt(), job.retry(), now, nextRegular(scheduler, job));
        if (at.isPresent()) {
            Retries.schedule(scheduler, firing, firstRun, at.get());
            log.info(
                    "{} - firing for {} {}: retry at {}",
                    job.name(),
                    firing.scheduledFor(),
                    status.name().toLowerCase(Locale.ROOT),
                    at.get());
        }
    }

    private static Optional<Instant> nextRegular(Scheduler scheduler, JobDefinition job) throws SchedulerException {
        Trigger cron = scheduler.getTrigger(QuartzKeys.cron(job.name()));
        return Optional.ofNullable(cron).map(Trigger::getNextFireTime).map(Date::toInstant);
    }
}
