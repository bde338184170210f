package com.wmsanalytics.bench;

import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.refresh.RefreshMode;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshReport;
import java.util.List;

/** Stops the benchmark when a run did not do what is being measured. */
final class Expect {

    private Expect() {}

    /** Every report refreshed, each materialized view in {@code mode} (incremental reports have their own). */
    static RefreshReport refreshed(RefreshReport report, RefreshMode mode) {
        List<ReportOutcome> wrong = report.views().stream()
                .filter(v -> !v.succeeded() || (!v.view().isIncremental() && v.mode() != mode))
                .toList();
        boolean ran = report.status() == RunStatus.SUCCEEDED || report.status() == RunStatus.UNGATED;
        if (!ran || report.views().isEmpty() || !wrong.isEmpty()) {
            throw new IllegalStateException("run " + report.runId() + " " + report.status() + ", expected every view "
                    + mode.label() + ": " + report.error().orElse(wrong.toString()));
        }
        return report;
    }

    /** A command of the command line exited 0. */
    static Launcher.Result zero(String what, Launcher.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + result.exitCode() + ":\n" + result.stdout());
        }
        return result;
    }
}
