package com.wmsanalytics.schedule;

import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one firing of a job through the facade: gate, refresh, history. */
final class ScheduledRefresh {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRefresh.class);

    private final WmsAnalytics app;
    private final RunObserver observer;
    private final Clock clock;

    ScheduledRefresh(WmsAnalytics app, RunObserver observer, Clock clock) {
        this.app = app;
        this.observer = observer;
        this.clock = clock;
    }

    RefreshReport run(JobDefinition job, Firing firing) {
        Optional<Long> retryOf = firing.recovering() ? app.firstRunOf(job.name(), firing.scheduledFor()) : firing.retryOf();
        log.info("{} - firing for {} ({}{})", job.name(), firing.scheduledFor(), firing.trigger().name().toLowerCase(),
                retryOf.map(id -> ", retry of run " + id).orElse(""));
        RefreshReport report = app.refresh(new RefreshRequest(job.name(), firing.trigger(), retryOf, job.group(), job.views(),
                job.gateTimeout(), true, Optional.of(firing.scheduledFor())), RefreshProgress.NONE);
        observer.finished(job.name(), report);
        return report;
    }

    Clock clock() {
        return clock;
    }
}
