package com.wmsanalytics.schedule;

import java.time.Instant;
import java.util.Date;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** Schedules a one-shot retry of a firing, linked to the first run of its chain. */
final class Retries {

    private Retries() {}

    static void schedule(Scheduler scheduler, Firing firing, long firstRunId, Instant at) throws SchedulerException {
        int attempt = firing.attempt() + 1;
        Trigger retry = TriggerBuilder.newTrigger()
                .withIdentity(firing.job() + "-" + firstRunId + "-" + attempt, QuartzKeys.RETRIES)
                .forJob(QuartzKeys.refresh(firing.job()))
                .startAt(Date.from(at))
                .usingJobData(Firing.SCHEDULED_FOR, firing.scheduledFor().toEpochMilli())
                .usingJobData(Firing.RETRY_OF, firstRunId)
                .usingJobData(Firing.ATTEMPT, attempt)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        scheduler.scheduleJob(retry);
    }
}
