package com.wmsanalytics.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Quartz's store match {@code jobs/}: new jobs are scheduled, changed ones rescheduled,
 * removed or disabled ones deleted. An unchanged job keeps its trigger, so a firing missed
 * while the service was down still fires once at start-up.
 */
final class JobReconciler {

    private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

    private final Scheduler scheduler;
    private final Instant now;

    JobReconciler(Scheduler scheduler, Instant now) {
        this.scheduler = scheduler;
        this.now = now;
    }

    void reconcile(List<JobDefinition> jobs) throws SchedulerException {
        Set<JobKey> stale = new HashSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(QuartzKeys.REFRESH)));
        for (JobDefinition job : jobs) {
            if (job.enabled()) {
                stale.remove(QuartzKeys.refresh(job.name()));
                log.info(
                        "{} - {}, cron '{}' in {}, next fire {}",
                        job.name(),
                        apply(job),
                        job.cron(),
                        job.timeZone(),
                        nextFire(job.name()));
            }
        }
        for (JobKey key : stale) {
            scheduler.deleteJob(key);
            log.info("{} - removed: no longer enabled in the jobs directory", key.getName());
        }
        ensureHousekeeping();
    }

    /** The enabled jobs whose trigger the store does not hold. */
    List<String> missing(List<JobDefinition> jobs) throws SchedulerException {
        List<String> missing = new ArrayList<>();
        for (JobDefinition job : jobs) {
            if (job.enabled() && !scheduler.checkExists(QuartzKeys.cron(job.name()))) {
                missing.add(job.name());
            }
        }
        return missing;
    }

    private String apply(JobDefinition job) throws SchedulerException {
        CronTrigger wanted = JobTriggers.cron(job, now);
        if (scheduler.getTrigger(wanted.getKey()) instanceof CronTrigger current && same(current, wanted)) {
            return "unchanged";
        }
        boolean existed = scheduler.checkExists(wanted.getKey());
        scheduler.scheduleJob(detail(job.name()), Set.of(wanted), true);
        return existed ? "changed" : "new";
    }

    private static boolean same(CronTrigger a, CronTrigger b) {
        return a.getCronExpression().equals(b.getCronExpression())
                && a.getTimeZone().getID().equals(b.getTimeZone().getID());
    }

    private static JobDetail detail(String job) {
        return JobBuilder.newJob(RefreshJob.class)
                .withIdentity(QuartzKeys.refresh(job))
                .storeDurably()
                .requestRecovery()
                .build();
    }

    private Date nextFire(String job) throws SchedulerException {
        return scheduler.getTrigger(QuartzKeys.cron(job)).getNextFireTime();
    }

    private void ensureHousekeeping() throws SchedulerException {
        JobKey key = JobKey.jobKey("purge", QuartzKeys.HOUSEKEEPING);
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("purge", QuartzKeys.HOUSEKEEPING)
                .forJob(key)
                .withSchedule(CronScheduleBuilder.cronSchedule(HousekeepingJob.CRON)
                        .inTimeZone(TimeZone.getTimeZone("UTC"))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (!scheduler.checkExists(key)) {
            scheduler.scheduleJob(
                    JobBuilder.newJob(HousekeepingJob.class)
                            .withIdentity(key)
                            .storeDurably()
                            .build(),
                    Set.of(trigger),
                    true);
        }
    }
}
