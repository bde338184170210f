package com.wmsanalytics.schedule;

import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** Where the jobs live in Quartz's store: refresh jobs and their cron triggers, retries, housekeeping. */
final class QuartzKeys {

    static final String REFRESH = JobTriggers.GROUP;
    static final String RETRIES = "retries";
    static final String HOUSEKEEPING = "housekeeping";

    private QuartzKeys() {}

    static JobKey refresh(String job) {
        return JobKey.jobKey(job, REFRESH);
    }

    static TriggerKey cron(String job) {
        return TriggerKey.triggerKey(job, REFRESH);
    }
}
