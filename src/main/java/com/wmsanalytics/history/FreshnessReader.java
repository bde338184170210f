package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads each report's freshness from the BI view {@code analytics.report_freshness}, so that the
 * CLI, the page and the metrics say what BI tools read: the data as of is that of the newest
 * successful refresh that passed the gate (a refresh with --no-gate does not make a report
 * fresher, but the report still holds what the gate covered).
 */
final class FreshnessReader {

    private static final String SQL = "SELECT * FROM analytics.report_freshness ORDER BY view_schema, view_name";

    private FreshnessReader() {}

    /** Every report, by schema and name. */
    static List<Freshness> read(DSLContext db) {
        return db.fetch(SQL).map(FreshnessReader::freshness);
    }

    private static Freshness freshness(Record r) {
        return new Freshness(
                r.get("view_schema", String.class),
                r.get("view_name", String.class),
                Optional.ofNullable(r.get("refresh_group", String.class)),
                instant(r, "last_success_at"),
                instant(r, "data_as_of"),
                Optional.ofNullable(r.get("last_duration_ms", Long.class)).map(Duration::ofMillis),
                Optional.ofNullable(r.get("last_status", String.class)),
                instant(r, "last_attempt_at"));
    }

    private static Optional<Instant> instant(Record r, String field) {
        return Optional.ofNullable(r.get(field, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
