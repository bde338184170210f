package com.wmsanalytics.testing;

import com.wmsanalytics.history.ActiveRun;
import com.wmsanalytics.history.JooqRunHistory;
import com.wmsanalytics.history.NewRun;
import com.wmsanalytics.history.ReportRecord;
import com.wmsanalytics.history.ReportStatus;
import com.wmsanalytics.history.RunHistory;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.history.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes runs into a migrated replica's history through the real {@link RunHistory}, at
 * chosen times: what a refresh would have recorded, without waiting for one.
 */
public final class RecordedRuns {

    private final RunHistory history;

    public RecordedRuns(DataSource replica) {
        this.history = new JooqRunHistory(replica);
    }

    /** A run whose gate was satisfied at {@code dataAsOf}, refreshing each view successfully, finished at {@code at}. */
    public long gated(Instant dataAsOf, Instant at, String... views) {
        return run(Optional.of(dataAsOf), at, RunStatus.SUCCEEDED, ReportStatus.SUCCEEDED, Optional.empty(), views);
    }

    /** A run with --no-gate that refreshed each view successfully. */
    public long ungated(Instant at, String... views) {
        return run(Optional.empty(), at, RunStatus.UNGATED, ReportStatus.SUCCEEDED, Optional.empty(), views);
    }

    /** A gated run whose views failed with {@code error}. */
    public long failed(Instant dataAsOf, Instant at, String error, String... views) {
        return run(Optional.of(dataAsOf), at, RunStatus.FAILED, ReportStatus.FAILED, Optional.of(error), views);
    }

    /** A run the gate held back: nothing refreshed. */
    public long skipped(Instant at, String reason) {
        try (ActiveRun run = history.start(newRun(at.minusSeconds(60)))) {
            run.gate(List.of(), Duration.ofSeconds(60), Optional.empty());
            run.finish(RunStatus.SKIPPED, Optional.of(reason), at);
            return run.runId();
        }
    }

    private long run(
            Optional<Instant> dataAsOf,
            Instant at,
            RunStatus status,
            ReportStatus viewStatus,
            Optional<String> error,
            String... views) {
        Instant start = at.minusSeconds(10);
        try (ActiveRun run = history.start(newRun(start))) {
            if (dataAsOf.isPresent()) {
                run.gate(List.of(), Duration.ofMillis(200), dataAsOf);
            }
            run.views(List.of(views).stream()
                    .map(v -> ReportRecord.planned(schema(v), name(v), "concurrent"))
                    .toList());
            for (String v : views) {
                run.viewStarted(schema(v), name(v), start.plusSeconds(1));
                run.viewFinished(new ReportRecord(
                        schema(v),
                        name(v),
                        Optional.empty(),
                        viewStatus,
                        Optional.empty(),
                        Optional.of(at.minusSeconds(1)),
                        Optional.of(42L),
                        error.map(e -> "XX000"),
                        error));
            }
            run.finish(status, error.map(e -> "1 of 1 view(s) did not refresh"), at);
            return run.runId();
        }
    }

    private static NewRun newRun(Instant start) {
        return new NewRun("daily", Trigger.CLI, Optional.empty(), "test", "test-host", start, Optional.empty());
    }

    private static String schema(String view) {
        return view.substring(0, view.indexOf('.'));
    }

    private static String name(String view) {
        return view.substring(view.indexOf('.') + 1);
    }
}
