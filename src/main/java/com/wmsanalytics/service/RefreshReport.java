package com.wmsanalytics.service;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.replication.gate.GateResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a refresh did: the run's id and status, the gate's verdict, each view's outcome, and
 * how long the whole run took, gate included.
 */
public record RefreshReport(
        long runId,
        RunStatus status,
        Optional<GateResult> gate,
        List<ReportOutcome> views,
        Optional<String> error,
        Duration elapsed) {

    public RefreshReport {
        views = List.copyOf(views);
    }

    /** 3 when the gate held the refresh back, 1 when a view failed, 4 when one was locked. */
    public ExitCode exitCode() {
        if (status == RunStatus.SKIPPED) {
            return ExitCode.GATE_NOT_SATISFIED;
        }
        if (has(ReportOutcome.Status.FAILED)) {
            return ExitCode.FAILED;
        }
        if (has(ReportOutcome.Status.LOCKED)) {
            return ExitCode.LOCKED;
        }
        return has(ReportOutcome.Status.BLOCKED) ? ExitCode.FAILED : ExitCode.OK;
    }

    private boolean has(ReportOutcome.Status s) {
        return views.stream().anyMatch(v -> v.status() == s);
    }
}
