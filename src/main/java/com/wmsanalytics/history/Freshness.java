package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of {@code analytics.report_freshness}: a materialized view, its last successful
 * refresh and its last attempt. A view never refreshed has only its names and group.
 *
 * @param dataAsOf every primary commit before it is in the view: the publisher time of the
 *     newest successful refresh that passed the catch-up gate; empty if none did
 */
public record Freshness(
        String viewSchema,
        String viewName,
        Optional<String> group,
        Optional<Instant> lastSuccessAt,
        Optional<Instant> dataAsOf,
        Optional<Duration> lastDuration,
        Optional<String> lastStatus,
        Optional<Instant> lastAttemptAt) {}
