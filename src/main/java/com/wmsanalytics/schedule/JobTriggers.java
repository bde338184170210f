package com.wmsanalytics.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.TriggerBuilder;

/** The Quartz triggers of the refresh jobs. */
public final class JobTriggers {

    /** The Quartz group of every job and trigger of the service. */
    public static final String GROUP = "wms-analytics";

    private JobTriggers() {}

    /**
     * The cron trigger of {@code job}: its cron read in the job's time zone, first firing at or
     * after {@code startAt}. A firing missed while no instance ran (misfire) fires once, as soon
     * as an instance is up; further missed firings are not made up.
     */
    public static CronTrigger cron(JobDefinition job, Instant startAt) {
        return TriggerBuilder.newTrigger()
                .withIdentity(job.name(), GROUP)
                .forJob(job.name(), GROUP)
                .startAt(Date.from(startAt))
                .withSchedule(CronScheduleBuilder.cronSchedule(job.cron())
                        .inTimeZone(TimeZone.getTimeZone(job.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
