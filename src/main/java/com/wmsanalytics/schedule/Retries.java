package com.wmsanalytics.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** Schedules a one-shot retry of a firing, linked to the first run of its chain. */
final class Retries {

    private Retries() {}

    /**
     * @param firstRunId the first run of the chain; empty when the firing failed before a run
     *     was recorded, and the retry then looks it up by the fire time
     */
    static void schedule(Scheduler scheduler, Firing firing, Optional<Long> firstRunId, Instant at)
            throws SchedulerException {
        int attempt = firing.attempt() + 1;
        JobDataMap data = new JobDataMap();
        data.put(Firing.SCHEDULED_FOR, firing.scheduledFor().toEpochMilli());
        data.put(Firing.ATTEMPT, attempt);
        firstRunId.ifPresent(id -> data.put(Firing.RETRY_OF, id));
        Trigger retry = TriggerBuilder.newTrigger()
                .withIdentity(
                        firing.job() + "-" + firing.scheduledFor().toEpochMilli() + "-" + attempt, QuartzKeys.RETRIES)
                .forJob(QuartzKeys.refresh(firing.job()))
                .startAt(Date.from(at))
                .usingJobData(data)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        scheduler.scheduleJob(retry);
    }
}
