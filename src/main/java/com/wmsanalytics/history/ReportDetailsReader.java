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
     * Reads them with JIT and parallel workers off ({@link #planSettings}): each lateral reads a
     * few rows by its index, but the planner's estimate grows with the history. Past {@code
     * jit_above_cost}, a server with JIT (as Debian's packages ship it) compiled the query at
     * every load of the page: with a day of a 2-second cadence in the history, Debian's 15 went
     * from 4 to 49 ms a load. Past the parallel costs, it ran the list of reports under a Gather
     * Merge, and starting two workers took 6 of the query's 7.6 ms after a simulated year
     * (0.6 ms with today's history).
     */
    static List<ReportDetails> read(DSLContext db) {
        return db.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            planSettings(tx);
            return tx.fetch(SQL).map(ReportDetailsReader::details);
        });
    }

    /** JIT and parallel workers off for the rest of the transaction. */
    static void planSettings(DSLContext tx) {
        tx.fetch("SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)");
    }

    /** The query, for a test of its plan. */
    static String sql() {
        return SQL;
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
