package com.wmsanalytics.service;

import com.wmsanalytics.history.BucketRecord;
import com.wmsanalytics.history.GateRecord;
import com.wmsanalytics.history.ViewRecord;
import com.wmsanalytics.history.ViewStatus;
import com.wmsanalytics.refresh.MaterializedView;
import com.wmsanalytics.refresh.ViewOutcome;
import com.wmsanalytics.replication.CatchUp;
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

    static ViewRecord pending(MaterializedView v) {
        return new ViewRecord(
                v.schema(),
                v.name(),
                Optional.of(v.mode().label()),
                ViewStatus.PENDING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static ViewRecord finished(ViewOutcome o) {
        return new ViewRecord(
                o.view().schema(),
                o.view().name(),
                Optional.of(o.mode().label()),
                ViewStatus.valueOf(o.status().name()),
                o.startedAt(),
                o.finishedAt(),
                o.rows(),
                o.sqlstate(),
                o.message(),
                o.buckets().map(b -> new BucketRecord(b.buckets(), b.rowsDeleted(), b.rowsInserted())));
    }
}
