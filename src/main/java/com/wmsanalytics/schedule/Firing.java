package com.wmsanalytics.schedule;

import com.wmsanalytics.history.Trigger;
import java.time.Instant;
import java.util.Optional;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * One firing of a refresh job as the history sees it: the fire time it executes, whether it
 * is the regular firing or a retry (a retry of a skipped or failed run, or the recovery of a
 * firing whose instance died), and which run began its chain.
 */
record Firing(String job, Instant scheduledFor, Trigger trigger, Optional<Long> retryOf, int attempt) {

    static final String SCHEDULED_FOR = "scheduledFor";
    static final String RETRY_OF = "retryOf";
    static final String ATTEMPT = "attempt";

    static Firing of(JobExecutionContext context) {
        String job = context.getJobDetail().getKey().getName();
        JobDataMap data = context.getMergedJobDataMap();
        if (data.containsKey(SCHEDULED_FOR)) {
            // A retry; also when recovered after its instance died, as Quartz copies the data.
            Optional<Long> retryOf =
                    data.containsKey(RETRY_OF) ? Optional.of(data.getLong(RETRY_OF)) : Optional.empty();
            return new Firing(
                    job,
                    Instant.ofEpochMilli(data.getLong(SCHEDULED_FOR)),
                    Trigger.RETRY,
                    retryOf,
                    data.getInt(ATTEMPT));
        }
        if (context.isRecovering()) {
            long original = Long.parseLong(
                    data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS));
            return new Firing(job, Instant.ofEpochMilli(original), Trigger.RETRY, Optional.empty(), 1);
        }
        return new Firing(job, context.getScheduledFireTime().toInstant(), Trigger.SCHEDULE, Optional.empty(), 0);
    }

    /** This firing run again as a retry of {@code firstRun}, the run that began its chain. */
    Firing retryOf(long firstRun) {
        return new Firing(job, scheduledFor, Trigger.RETRY, Optional.of(firstRun), attempt + 1);
    }

    /** The regular firing of a fire time, neither a retry nor a recovery. */
    boolean scheduled() {
        return trigger == Trigger.SCHEDULE;
    }

    /** A retry whose first run is not known yet: look it up by the fire time. */
    boolean chainUnknown() {
        return trigger == Trigger.RETRY && retryOf.isEmpty();
    }
}
