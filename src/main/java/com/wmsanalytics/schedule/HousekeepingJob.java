package com.wmsanalytics.schedule;

import com.wmsanalytics.history.Summarized;
import com.wmsanalytics.service.WmsAnalytics;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a day: folds the scheduled runs that succeeded into hourly summaries once they are older
 * than {@code history.summarize-after}, then purges the history older than {@code
 * history.retention}.
 */
@DisallowConcurrentExecution
final class HousekeepingJob implements Job {

    /** Daily at 01:30 UTC, before the default refresh jobs. */
    static final String CRON = "0 30 1 * * ?";

    private static final Logger log = LoggerFactory.getLogger(HousekeepingJob.class);

    private final WmsAnalytics app;
    private final RunObserver observer;

    HousekeepingJob(WmsAnalytics app, RunObserver observer) {
        this.app = app;
        this.observer = observer;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            Summarized folded = app.summarizeHistory();
            log.info(
                    "housekeeping - folded {} run(s) older than {} into {} hourly summaries",
                    folded.runs(),
                    app.config().historySummarizeAfter(),
                    folded.hours());
        } catch (RuntimeException e) {
            log.error("housekeeping - folding the history failed: {}; its runs stay in detail", e.getMessage(), e);
        }
        try {
            log.info(
                    "housekeeping - purged {} run(s) older than {}",
                    app.purgeHistory(),
                    app.config().historyRetention());
            observer.purged(true);
        } catch (RuntimeException e) {
            log.error("housekeeping - purge failed: {}; the scheduler keeps running", e.getMessage(), e);
            observer.purged(false);
        }
    }
}
