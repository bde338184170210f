package com.wmsanalytics.schedule;

import com.wmsanalytics.service.RefreshReport;
import java.time.Instant;
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
            log.warn("{} - not in the jobs directory of this instance; firing for {} ignored", firing.job(), firing.scheduledFor());
            return;
        }
        try {
            RefreshReport report = refresh.run(job, firing);
            retryIfAllowed(context.getScheduler(), job, firing, report);
        } catch (RuntimeException | SchedulerException e) {
            log.error("{} - firing for {} failed: {}; the scheduler keeps running", job.name(), firing.scheduledFor(),
                    e.getMessage(), e);
        }
    }

    private void retryIfAllowed(Scheduler scheduler, JobDefinition job, Firing firing, RefreshReport report)
            throws SchedulerException {
        Instant now = refresh.clock().instant();
        Optional<Instant> at = RetryDecision.next(report.status(), firing.attempt(), job.retry(), now, nextRegular(scheduler, job));
        if (at.isPresent()) {
            long first = firing.retryOf().orElse(report.runId());
            Retries.schedule(scheduler, firing, first, at.get());
            log.info("{} - run {} {}: retry at {}", job.name(), report.runId(), report.status().name().toLowerCase(), at.get());
        }
    }

    private static Optional<Instant> nextRegular(Scheduler scheduler, JobDefinition job) throws SchedulerException {
        Trigger cron = scheduler.getTrigger(QuartzKeys.cron(job.name()));
        return Optional.ofNullable(cron).map(Trigger::getNextFireTime).map(java.util.Date::toInstant);
    }
}
