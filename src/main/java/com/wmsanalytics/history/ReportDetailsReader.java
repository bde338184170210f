package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Reads every report's {@link ReportDetails} in one query, {@code report-details.sql}. */
final class ReportDetailsReader {

    private static final String SQL = SqlResource.load("report-details.sql");

    private ReportDetailsReader() {}

    /**
     * Reads them with JIT off: each lateral reads a few rows by its index, but the planner's
     * estimate grows with the history, and past {@code jit_above_cost} a server with JIT (as
     * Debian's packages ship it) compiles the query at every load of the page. With a day of a
     * 2-second cadence in the history, that took Debian's 15 from 4 to 49 ms a load.
     */
    static List<ReportDetails> read(DSLContext db) {
        return db.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.execute("SELECT set_config('jit', 'off', true)");
            return tx.fetch(SQL).map(ReportDetailsReader::details);
        });
    }

    private static ReportDetails details(Record r) {
        Optional<Instant> finished = instant(r, "finished_at");
        Optional<ReportDetails.LastRefresh> last = finished.map(at -> new ReportDetails.LastRefresh(
                at,
                Optional.ofNullable(r.get("mode", String.class)),
                Duration.ofMillis(r.get("duration_ms", Long.class)),
                Optional.ofNullable(r.get("row_count", Long.class))));
        Optional<ReportDetails.LastError> error = instant(r, "error_at")
                .map(at -> new ReportDetails.LastError(
                        at,
                        r.get("error_status", String.class),
                        Optional.ofNullable(r.get("error_sqlstate", String.class)),
                        Optional.ofNullable(r.get("error_message", String.class))));
        return new ReportDetails(
                r.get("view_schema", String.class) + "." + r.get("view_name", String.class),
                Optional.ofNullable(r.get("description", String.class)),
                last,
                durations(r),
                error);
    }

    private static List<Duration> durations(Record r) {
        Long[] ms = r.get("durations", Long[].class);
        return ms == null
                ? List.of()
                : Arrays.stream(ms).map(Duration::ofMillis).toList();
    }

    private static Optional<Instant> instant(Record r, String field) {
        return Optional.ofNullable(r.get(field, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
