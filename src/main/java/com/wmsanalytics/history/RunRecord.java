package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A recorded run with the publishers its gate checked and the views it planned. */
public record RunRecord(
        long runId,
        String job,
        Trigger trigger,
        Optional<Long> retryOf,
        String requestedBy,
        String host,
        Instant startedAt,
        Optional<Instant> finishedAt,
        RunStatus status,
        Optional<Duration> gateWaited,
        Optional<Instant> dataAsOf,
        Optional<String> error,
        Optional<Instant> scheduledFor,
        List<GateRecord> gates,
        List<ReportRecord> views) {

    public RunRecord {
        gates = List.copyOf(gates);
        views = List.copyOf(views);
    }
}
