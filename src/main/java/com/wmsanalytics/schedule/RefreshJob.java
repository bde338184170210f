package com.wmsanalytics.schedule;

import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.replication.ResyncNeededException;
import com.wmsanalytics.replication.StandbyRefusedException;
import com.wmsanalytics.service.RefreshReport;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every refresh job. One firing of a job runs at a time across the
 * cluster; after a skipped or failed run it schedules the retry its policy allows. An error
 * is logged here and never stops the scheduler.
 */
@DisallowConcurrentExecution
final class RefreshJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RefreshJob.class);

    private final Map<String, JobDefinition> jobs;
    private final ScheduledRefresh refresh;

    RefreshJob(Map<String, JobDefinition> jobs, ScheduledRefresh refresh) {
        this.jobs = Map.copyOf(jobs);
        this.refresh = refresh;
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
        if (job.action() == JobDefinition.Action.VERIFY) {
            verify(job, firing);
            return;
        }
        if (job.action() == JobDefinition.Action.BACKUP) {
            backup(job, firing);
            return;
        }
        try {
            RefreshReport report = refresh.run(job, firing);
            retryIfAllowed(
                    context.getScheduler(),
                    job,
                    firing,
                    report.status(),
                    Optional.of(firing.retryOf().orElse(report.runId())));
        } catch (StandbyRefusedException | ResyncNeededException e) {
            log.warn(
                    "{} - firing for {} refused, nothing was recorded: {}",
                    job.name(),
                    firing.scheduledFor(),
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error(
                    "{} - firing for {} failed: {}; the scheduler keeps running",
                    job.name(),
                    firing.scheduledFor(),
                    ErrorMessages.serverMessage(e));
            log.debug("{} - firing failure", job.name(), e);
            refresh.failed(job);
            retryQuietly(context.getScheduler(), job, firing);
        } catch (SchedulerException e) {
            log.error(
                    "{} - cannot schedule the retry of the firing for {}: {}",
                    job.name(),
                    firing.scheduledFor(),
                    e.getMessage(),
                    e);
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

    /** A firing that ended in an error is a failed run: it gets the retries its policy allows. */
    private void retryQuietly(Scheduler scheduler, JobDefinition job, Firing firing) {
        try {
            retryIfAllowed(scheduler, job, firing, RunStatus.FAILED, refresh.firstRun(firing));
        } catch (SchedulerException | RuntimeException e) {
            log.error(
                    "{} - cannot schedule the retry of the firing for {}: {}",
                    job.name(),
                    firing.scheduledFor(),
                    e.getMessage(),
                    e);
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
