package com.wmsanalytics.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One view in a run: planned, or with the outcome of its refresh.
 *
 * @param mode {@code concurrent}, {@code plain}, {@code incremental} or {@code full}
 * @param rowCount rows in the view after the refresh
 * @param sqlstate the SQLSTATE of the error that failed the refresh
 * @param buckets for an incremental report, what its refresh rewrote
 */
public record ReportRecord(
        String viewSchema,
        String viewName,
        Optional<String> mode,
        ReportStatus status,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> rowCount,
        Optional<String> sqlstate,
        Optional<String> message,
        Optional<BucketRecord> buckets) {

    public ReportRecord {
        requireNonNull(buckets, "buckets");
        requireNonNull(viewSchema, "viewSchema");
        requireNonNull(viewName, "viewName");
        requireNonNull(mode, "mode");
        requireNonNull(status, "status");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(finishedAt, "finishedAt");
        requireNonNull(rowCount, "rowCount");
        requireNonNull(sqlstate, "sqlstate");
        requireNonNull(message, "message");
    }

    /** A view without bucket counts: a materialized view's, or one not refreshed. */
    public ReportRecord(
            String viewSchema,
            String viewName,
            Optional<String> mode,
            ReportStatus status,
            Optional<Instant> startedAt,
            Optional<Instant> finishedAt,
            Optional<Long> rowCount,
            Optional<String> sqlstate,
            Optional<String> message) {
        this(viewSchema, viewName, mode, status, startedAt, finishedAt, rowCount, sqlstate, message, Optional.empty());
    }

    /** A view the run plans to refresh in the given mode. */
    public static ReportRecord planned(String viewSchema, String viewName, String mode) {
        return new ReportRecord(
                viewSchema,
                viewName,
                Optional.of(mode),
                ReportStatus.PENDING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** {@code schema.name}, for messages. */
    public String qualifiedName() {
        return viewSchema + "." + viewName;
    }
}
