package com.wmsanalytics.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one report in a refresh.
 *
 * @param mode how it was refreshed: for an incremental report, incremental or full
 * @param buckets what an incremental report's refresh rewrote
 */
public record ReportOutcome(
        Report view,
        RefreshMode mode,
        Status status,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> rows,
        Optional<String> sqlstate,
        Optional<String> message,
        Optional<BucketCounts> buckets) {

    /** The view's fate. BLOCKED: a view it reads did not refresh. LOCKED: another refresh holds it. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        BLOCKED,
        LOCKED
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    public Optional<Duration> duration() {
        return startedAt.flatMap(s -> finishedAt.map(f -> Duration.between(s, f)));
    }

    static ReportOutcome blocked(Report view, String reason) {
        return new ReportOutcome(
                view,
                view.mode(),
                Status.BLOCKED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(reason),
                Optional.empty());
    }
}
