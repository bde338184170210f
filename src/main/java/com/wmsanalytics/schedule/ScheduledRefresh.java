package com.wmsanalytics.schedule;

import com.wmsanalytics.backup.BackupResult;
import com.wmsanalytics.history.RunRecord;
import com.wmsanalytics.refresh.ReportVerifier;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    /** A stale firing gave way to the one due at {@code due}: logged and counted, not recorded as a run. */
    void coalesced(JobDefinition job, Firing firing, Instant due) {
        log.info(
                "{} - firing for {} coalesced into the one for {}, already due",
                job.name(),
                firing.scheduledFor(),
                due);
        observer.coalesced(job.name());
    }

    RefreshReport run(JobDefinition job, Firing firing) {
        return run(job, firing, true);
    }

    /**
     * @param announce false when the same firing is tried again after it was held back: its
     *     first attempt logged it
     */
    RefreshReport run(JobDefinition job, Firing firing, boolean announce) {
        Optional<Long> retryOf = firstRun(firing);
        if (announce) {
            log.info(
                    "{} - firing for {} ({}{})",
                    job.name(),
                    firing.scheduledFor(),
                    firing.trigger().name().toLowerCase(),
                    retryOf.map(id -> ", retry of run " + id).orElse(""));
        }
        RefreshReport report = app.refresh(
                new RefreshRequest(
                        job.name(),
                        firing.trigger(),
                        retryOf,
                        job.group(),
                        job.views(),
                        job.gateTimeout(),
                        true,
                        Optional.of(firing.scheduledFor()),
                        false),
                RefreshProgress.NONE);
        observer.finished(job.name(), report);
        return report;
    }

    /** A verify job's firing: checks its reports, logs one line and tells the observer. */
    List<ReportVerifier.Check> verify(JobDefinition job, Firing firing) {
        List<ReportVerifier.Check> checks = app.verify(job.group(), job.views(), job.repair());
        long differing = checks.stream()
                .filter(c ->
                        c.status() == ReportVerifier.Status.DIFFERS || c.status() == ReportVerifier.Status.REPAIRED)
                .count();
        log.info(
                "{} - firing for {}: {} report(s) checked, {} differ{}",
                job.name(),
                firing.scheduledFor(),
                checks.size(),
                differing,
                job.repair() && differing > 0 ? " and were repaired" : "");
        observer.verified(job.name(), checks);
        return checks;
    }

    /** A backup job's firing: one backup into the job's directory, then its retention; one line logged. */
    BackupResult backup(JobDefinition job, Firing firing) {
        Path directory = job.directory().orElseThrow();
        BackupResult result = app.backup(directory, System.getenv("PATH"));
        log.info(
                "{} - firing for {}: backup {} written, {} old backup(s) deleted",
                job.name(),
                firing.scheduledFor(),
                result.directory(),
                result.deleted().size());
        observer.backedUp(job.name(), result);
        return result;
    }

    /** Tells the observer that a firing ended in an error before its run could report. */
    void failed(JobDefinition job) {
        observer.failed(job.name());
    }

    /** The first run of the firing's chain, if any run of it was recorded. */
    Optional<Long> firstRun(Firing firing) {
        return firing.chainUnknown() ? app.firstRunOf(firing.job(), firing.scheduledFor()) : firing.retryOf();
    }

    /** The newest run recorded for the firing's fire time, if any. */
    Optional<RunRecord> recordedRun(Firing firing) {
        return app.latestRun(firing.job()).filter(run -> run.scheduledFor().equals(Optional.of(firing.scheduledFor())));
    }

    Clock clock() {
        return clock;
    }
}
