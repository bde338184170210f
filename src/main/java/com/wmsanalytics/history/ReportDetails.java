package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the freshness page shows of one report besides its freshness: its description, its
 * last successful refresh, its recent refresh durations and its last failure since then.
 *
 * @param description the report's COMMENT, from its migration
 * @param recentDurations the durations of its last 30 successful refreshes, oldest first
 * @param lastError the newest failure after its last success; empty when there is none
 */
public record ReportDetails(
        String view,
        Optional<String> description,
        Optional<LastRefresh> lastRefresh,
        List<Duration> recentDurations,
        Optional<LastError> lastError) {

    public ReportDetails {
        recentDurations = List.copyOf(recentDurations);
    }

    /** A successful refresh: when it finished, in which mode, how long it ran, the rows after it. */
    public record LastRefresh(Instant finishedAt, Optional<String> mode, Duration duration, Optional<Long> rows) {}

    /** A refresh that did not succeed: failed, blocked, locked or interrupted. */
    public record LastError(Instant at, String status, Optional<String> sqlstate, Optional<String> message) {}
}
