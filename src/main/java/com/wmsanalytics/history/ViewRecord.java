package com.wmsanalytics.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One view in a run: planned, or with the outcome of its refresh.
 *
 * @param mode {@code concurrent} or {@code plain}
 * @param rowCount rows in the view after the refresh
 * @param sqlstate the SQLSTATE of the error that failed the refresh
 */
public record ViewRecord(
        String viewSchema,
        String viewName,
        Optional<String> mode,
        ViewStatus status,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> rowCount,
        Optional<String> sqlstate,
        Optional<String> message) {

    public ViewRecord {
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

    /** A view the run plans to refresh in the given mode. */
    public static ViewRecord planned(String viewSchema, String viewName, String mode) {
        return new ViewRecord(viewSchema, viewName, Optional.of(mode), ViewStatus.PENDING, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code schema.name}, for messages. */
    public String qualifiedName() {
        return viewSchema + "." + viewName;
    }
}
