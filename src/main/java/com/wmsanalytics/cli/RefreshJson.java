package com.wmsanalytics.cli;

import com.wmsanalytics.refresh.BucketCounts;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.replication.gate.CatchUp;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stable JSON shape of {@code refresh --json}. */
record RefreshJson(
        long runId,
        String status,
        int exitCode,
        long elapsedMs,
        Optional<Instant> dataAsOf,
        Optional<String> error,
        Optional<Gate> gate,
        List<View> views) {

    record Gate(boolean satisfied, long waitedMs, List<Publisher> publishers) {}

    record Publisher(
            String publisher,
            String subscription,
            Optional<String> targetLsn,
            Optional<Instant> publisherTime,
            Optional<Long> bytesBehindAtStart,
            long waitedMs,
            String outcome,
            Optional<String> detail) {}

    record View(
            String view,
            String mode,
            String status,
            Optional<Long> rows,
            Optional<Long> durationMs,
            Optional<String> sqlstate,
            Optional<String> message,
            Optional<Long> buckets,
            Optional<Long> rowsDeleted,
            Optional<Long> rowsInserted) {}

    static RefreshJson of(RefreshReport r) {
        return new RefreshJson(
                r.runId(),
                Formats.lower(r.status()),
                r.exitCode().code(),
                r.elapsed().toMillis(),
                r.gate().flatMap(GateResult::dataAsOf),
                r.error(),
                r.gate().map(RefreshJson::gate),
                r.views().stream().map(RefreshJson::view).toList());
    }

    private static Gate gate(GateResult g) {
        return new Gate(
                g.satisfied(),
                g.waited().toMillis(),
                g.publishers().stream().map(RefreshJson::publisher).toList());
    }

    private static Publisher publisher(CatchUp c) {
        return new Publisher(
                c.publisher(),
                c.subscription(),
                c.targetLsn(),
                c.publisherTime(),
                c.bytesBehindAtStart(),
                c.waited().toMillis(),
                c.outcome().label(),
                c.detail());
    }

    private static View view(ReportOutcome o) {
        return new View(
                o.view().qualified(),
                o.mode().label(),
                Formats.lower(o.status()),
                o.rows(),
                o.duration().map(Duration::toMillis),
                o.sqlstate(),
                o.message(),
                o.buckets().map(BucketCounts::buckets),
                o.buckets().map(BucketCounts::rowsDeleted),
                o.buckets().map(BucketCounts::rowsInserted));
    }
}
