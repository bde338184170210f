package com.wmsanalytics.service;

import com.wmsanalytics.history.BucketRecord;
import com.wmsanalytics.history.GateRecord;
import com.wmsanalytics.history.ReportRecord;
import com.wmsanalytics.history.ReportStatus;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.replication.gate.CatchUp;
import java.util.Optional;

/** Maps the gate's and the engine's results onto the history's records. */
final class HistoryRecords {

    private HistoryRecords() {}

    static GateRecord gate(CatchUp c) {
        return new GateRecord(
                c.publisher(),
                c.subscription(),
                c.targetLsn(),
                c.publisherTime(),
                c.bytesBehindAtStart(),
                c.waited(),
                c.outcome().label(),
                c.detail());
    }

    static ReportRecord pending(Report v) {
        return new ReportRecord(
                v.schema(),
                v.name(),
                Optional.of(v.mode().label()),
                ReportStatus.PENDING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static ReportRecord finished(ReportOutcome o) {
        return new ReportRecord(
                o.view().schema(),
                o.view().name(),
                Optional.of(o.mode().label()),
                ReportStatus.valueOf(o.status().name()),
                o.startedAt(),
                o.finishedAt(),
                o.rows(),
                o.sqlstate(),
                o.message(),
                o.buckets().map(b -> new BucketRecord(b.buckets(), b.rowsDeleted(), b.rowsInserted())));
    }
}
