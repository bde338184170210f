package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_SUMMARY;
import static org.jooq.impl.DSL.noCondition;

import com.wmsanalytics.history.jooq.tables.records.RefreshRunSummaryRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Folds old scheduled runs into hourly summaries ({@code summarize-runs.sql}) and reads the summaries. */
final class RunSummaries {

    private static final String FOLD = SqlResource.load("summarize-runs.sql");

    private final DSLContext db;

    RunSummaries(DSLContext db) {
        this.db = db;
    }

    /** Folds, in one statement, the runs of the whole hours before {@code cutoff}. */
    Summarized fold(Instant cutoff) {
        Record r = db.fetchOne(FOLD, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        return new Summarized(r.get("runs", Integer.class), r.get("hours", Integer.class));
    }

    /** Deletes the summaries of the hours before {@code cutoff}; returns how many. */
    int purge(Instant cutoff) {
        return db.deleteFrom(REFRESH_RUN_SUMMARY)
                .where(REFRESH_RUN_SUMMARY.HOUR_START.lt(cutoff.truncatedTo(ChronoUnit.HOURS)))
                .execute();
    }

    List<RunSummary> read(SummaryFilter filter) {
        Condition condition = noCondition()
                .and(filter.job().map(REFRESH_RUN_SUMMARY.JOB::eq).orElse(noCondition()))
                .and(filter.since()
                        .map(s -> REFRESH_RUN_SUMMARY.HOUR_START.ge(s.truncatedTo(ChronoUnit.HOURS)))
                        .orElse(noCondition()));
        return db.selectFrom(REFRESH_RUN_SUMMARY)
                .where(condition)
                .orderBy(REFRESH_RUN_SUMMARY.HOUR_START.desc(), REFRESH_RUN_SUMMARY.JOB)
                .limit(filter.limit())
                .fetch()
                .map(RunSummaries::summary);
    }

    private static RunSummary summary(RefreshRunSummaryRecord r) {
        return new RunSummary(
                r.getJob(),
                r.getHourStart(),
                r.getRuns(),
                r.getFireTimes(),
                Optional.ofNullable(r.getFirstScheduledFor()),
                Optional.ofNullable(r.getLastScheduledFor()),
                r.getFirstStartedAt(),
                r.getLastFinishedAt(),
                Duration.ofMillis(r.getDurationP50Ms()),
                Duration.ofMillis(r.getDurationMaxMs()),
                Optional.ofNullable(r.getGateWaitedMaxMs()).map(Duration::ofMillis),
                Optional.ofNullable(r.getDataAgeMaxMs()).map(Duration::ofMillis),
                Optional.ofNullable(r.getLastDataAsOf()),
                r.getReportRefreshes());
    }
}
