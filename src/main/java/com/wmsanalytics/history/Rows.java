package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_GATE;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_VIEW;

import com.wmsanalytics.history.jooq.tables.records.RefreshRunGateRecord;
import com.wmsanalytics.history.jooq.tables.records.RefreshRunRecord;
import com.wmsanalytics.history.jooq.tables.records.RefreshRunViewRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Converts between the history's records and the rows of the control tables. */
final class Rows {

    private Rows() {}

    static RefreshRunGateRecord gateRow(DSLContext db, long runId, GateRecord gate) {
        RefreshRunGateRecord row = db.newRecord(REFRESH_RUN_GATE);
        row.setRunId(runId);
        row.setPublisher(gate.publisher());
        row.setSubscription(gate.subscription());
        row.setTargetLsn(gate.targetLsn().orElse(null));
        row.setPublisherTime(gate.publisherTime().orElse(null));
        row.setBytesBehindAtStart(gate.bytesBehindAtStart().orElse(null));
        row.setWaitedMs(gate.waited().toMillis());
        row.setOutcome(gate.outcome());
        row.setDetail(gate.detail().orElse(null));
        return row;
    }

    static RefreshRunViewRecord plannedViewRow(DSLContext db, long runId, ReportRecord view) {
        RefreshRunViewRecord row = db.newRecord(REFRESH_RUN_VIEW);
        row.setRunId(runId);
        row.setViewSchema(view.viewSchema());
        row.setViewName(view.viewName());
        row.setMode(view.mode().orElse(null));
        row.setStatus(SqlNames.of(ReportStatus.PENDING));
        return row;
    }

    static GateRecord gate(RefreshRunGateRecord row) {
        return new GateRecord(
                row.getPublisher(),
                row.getSubscription(),
                Optional.ofNullable(row.getTargetLsn()),
                Optional.ofNullable(row.getPublisherTime()),
                Optional.ofNullable(row.getBytesBehindAtStart()),
                Duration.ofMillis(row.getWaitedMs()),
                row.getOutcome(),
                Optional.ofNullable(row.getDetail()));
    }

    static ReportRecord view(RefreshRunViewRecord row) {
        return new ReportRecord(
                row.getViewSchema(),
                row.getViewName(),
                Optional.ofNullable(row.getMode()),
                SqlNames.parse(ReportStatus.class, row.getStatus()),
                Optional.ofNullable(row.getStartedAt()),
                Optional.ofNullable(row.getFinishedAt()),
                Optional.ofNullable(row.getRowCount()),
                Optional.ofNullable(row.getSqlstate()),
                Optional.ofNullable(row.getMessage()),
                Optional.ofNullable(row.getBuckets())
                        .map(b -> new BucketRecord(b, row.getRowsDeleted(), row.getRowsInserted())));
    }

    static RunRecord run(RefreshRunRecord row, List<GateRecord> gates, List<ReportRecord> views) {
        return new RunRecord(
                row.getRunId(),
                row.getJob(),
                SqlNames.parse(Trigger.class, row.getTrigger()),
                Optional.ofNullable(row.getRetryOf()),
                row.getRequestedBy(),
                row.getHost(),
                row.getStartedAt(),
                Optional.ofNullable(row.getFinishedAt()),
                SqlNames.parse(RunStatus.class, row.getStatus()),
                Optional.ofNullable(row.getGateWaitedMs()).map(Duration::ofMillis),
                Optional.ofNullable(row.getDataAsOf()),
                Optional.ofNullable(row.getError()),
                Optional.ofNullable(row.getScheduledFor()),
                gates,
                views);
    }
}
