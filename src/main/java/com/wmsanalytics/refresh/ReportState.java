package com.wmsanalytics.refresh;

import com.wmsanalytics.db.SqlColumn;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The control rows of incremental reports: {@code analytics_control.incremental_report}
 * (whether a full rebuild is due, the last refresh's anchor, zone and signature),
 * {@code dirty_bucket} and {@code capture_setting}. Every statement runs in the refresh's
 * transaction.
 */
final class ReportState {

    /**
     * md5 of the definition's text and of the columns of every table it reads: a changed
     * definition or a schema change of a source table gives another signature.
     */
    private static final SqlColumn<LocalDate> BUCKET = SqlColumn.of("bucket", LocalDate.class);

    private static final SqlColumn<Boolean> NEEDS_FULL = SqlColumn.of("needs_full", Boolean.class);
    private static final SqlColumn<String> FULL_REASON = SqlColumn.of("full_reason", String.class);
    private static final SqlColumn<OffsetDateTime> REFRESHED_AT = SqlColumn.of("refreshed_at", OffsetDateTime.class);
    private static final SqlColumn<String> TIME_ZONE = SqlColumn.of("time_zone", String.class);
    private static final SqlColumn<String> SIGNATURE_RECORDED = SqlColumn.of("signature", String.class);
    private static final SqlColumn<String> SIGNATURE_NOW = SqlColumn.of("current_signature", String.class);
    private static final SqlColumn<Long> ROW_COUNT = SqlColumn.of("row_count", Long.class);

    private static final String SIGNATURE = "md5(pg_get_functiondef(r.definition) || coalesce((SELECT string_agg("
            + "a.attrelid::text || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attrelid, a.attnum)"
            + " FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE d.classid = 'pg_proc'::regclass AND d.objid = r.definition AND d.refclassid = 'pg_class'::regclass), ''))";

    /** Whether report row {@code r} is a dependent: its definition reads the table whose oid is bound. */
    private static final String READS_REPORT = " EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
            + " AND d.objid = r.definition AND d.refclassid = 'pg_class'::regclass AND d.refobjid = ?)";

    /** The report's row as its last refresh left it, and the signature it has now. */
    record Snapshot(
            boolean needsFull,
            Optional<String> reason,
            Optional<OffsetDateTime> refreshedAt,
            Optional<String> timeZone,
            Optional<String> signature,
            String currentSignature,
            Optional<Long> rowCount) {

        /** Why the refresh must rebuild in full, or empty when buckets suffice. */
        Optional<String> fullReason(String zone) {
            if (needsFull || refreshedAt.isEmpty()) {
                return Optional.of(reason.orElse("never refreshed"));
            }
            if (!timeZone.equals(Optional.of(zone))) {
                return Optional.of("time zone changed from " + timeZone.orElse("none") + " to " + zone);
            }
            if (!signature.equals(Optional.of(currentSignature))) {
                return Optional.of("its definition or a table it reads changed");
            }
            return Optional.empty();
        }
    }

    /** Writes the zone the capture triggers bucket by, when it changed. */
    void recordTimeZone(DSLContext tx, String zone) {
        tx.execute(
                "UPDATE analytics_control.capture_setting SET time_zone = ? WHERE time_zone IS DISTINCT FROM ?",
                zone,
                zone);
    }

    /**
     * Reads and locks the report's row, which only refreshes write: the capture appends its
     * full-rebuild marks to {@code rebuild_request} instead, so it never waits for a refresh.
     */
    Snapshot lock(DSLContext tx, Report report) {
        return snapshot(tx, report, " FOR UPDATE OF r");
    }

    /** Reads the report's row without locking it, for a read-only check. */
    Snapshot read(DSLContext tx, Report report) {
        return snapshot(tx, report, "");
    }

    /**
     * The report's dirty buckets, left in place: those recorded, and those of the order lines
     * that the next refresh's sweep will record.
     */
    List<LocalDate> dirty(DSLContext tx, Report report) {
        TreeSet<LocalDate> all = new TreeSet<>(ReportSweeps.unswept(tx, report, LocalDate.class));
        all.addAll(builtInDirty(tx, report));
        return List.copyOf(all);
    }

    private List<LocalDate> builtInDirty(DSLContext tx, Report report) {
        return tx
                .fetch(
                        "SELECT bucket FROM analytics_control.dirty_bucket WHERE report_schema = ? AND report_name = ?"
                                + " UNION SELECT bucket FROM analytics_control.claimed_bucket WHERE report_schema = ? AND report_name = ?"
                                + " ORDER BY 1",
                        report.schema(),
                        report.name(),
                        report.schema(),
                        report.name())
                .stream()
                .map(r -> BUCKET.from(r))
                .toList();
    }

    /**
     * Why a report that no report file installed is rebuilt in full at every refresh: a report
     * that an earlier version made by hand has no capture once migration V19 retired it, until
     * {@code migrate} rebuilds it from its file.
     */
    private static final String UNINSTALLED =
            "CASE WHEN f.report_name IS NULL THEN 'not yet installed from its report file: run migrate' END";

    private Snapshot snapshot(DSLContext tx, Report report, String locking) {
        Record r = tx.fetchOne(
                "SELECT r.needs_full OR q.reason IS NOT NULL OR f.report_name IS NULL AS needs_full,"
                        + " coalesce(r.full_reason, q.reason, " + UNINSTALLED + ") AS full_reason, r.refreshed_at,"
                        + " r.time_zone, r.signature, " + SIGNATURE + " AS current_signature, r.row_count"
                        + " FROM analytics_control.incremental_report r LEFT JOIN LATERAL (SELECT min(q.reason) AS reason"
                        + " FROM analytics_control.rebuild_request q WHERE q.report_schema = r.report_schema"
                        + " AND q.report_name = r.report_name) q ON true"
                        + " LEFT JOIN analytics_control.report_file f ON f.report_schema = r.report_schema"
                        + " AND f.report_name = r.report_name"
                        + " WHERE r.report_schema = ? AND r.report_name = ?"
                        + locking,
                report.schema(),
                report.name());
        return new Snapshot(
                NEEDS_FULL.from(r),
                Optional.ofNullable(FULL_REASON.from(r)),
                Optional.ofNullable(REFRESHED_AT.from(r)),
                Optional.ofNullable(TIME_ZONE.from(r)),
                Optional.ofNullable(SIGNATURE_RECORDED.from(r)),
                SIGNATURE_NOW.from(r),
                Optional.ofNullable(ROW_COUNT.from(r)));
    }

    /**
     * Deletes the report's requests for a full rebuild, which the capture appends (see
     * migration V16), before the refresh computes anything: every change they stand for is then
     * in what it reads. The snapshot already counts them as a reason to rebuild.
     */
    void claimRebuildRequests(DSLContext tx, Report report) {
        tx.execute(
                "DELETE FROM analytics_control.rebuild_request WHERE report_schema = ? AND report_name = ?",
                report.schema(),
                report.name());
    }

    /**
     * Deletes and returns the buckets claimed for the report (see {@link BucketClaim}); a
     * rollback gives them back. The dirty buckets recorded since the claim stay for the next
     * refresh: this transaction never touches a row the capture may be writing.
     */
    List<LocalDate> claimDirty(DSLContext tx, Report report) {
        return tx
                .fetch(
                        "DELETE FROM analytics_control.claimed_bucket WHERE report_schema = ? AND report_name = ? RETURNING bucket",
                        report.schema(),
                        report.name())
                .stream()
                .map(r -> BUCKET.from(r))
                .sorted()
                .toList();
    }

    /**
     * The first bucket of the open window: rows this close to the last refresh were not
     * recorded by the triggers. One day more covers an apply transaction that was running
     * when the last refresh took its snapshot.
     */
    private LocalDate openWindowStart(DSLContext tx, Snapshot before, Incremental spec, String zone) {
        return BUCKET.from(tx.fetchOne(
                "SELECT date_trunc(?, ((?::timestamptz - s.open_window - interval '1 day') AT TIME ZONE ?))::date"
                        + " AS bucket FROM analytics_control.capture_setting s",
                spec.bucketUnit(),
                before.refreshedAt().orElseThrow(),
                zone));
    }

    /**
     * Where the next recompute's open range starts, as a date literal: the open window's first
     * bucket for a report the triggers feed, {@code infinity} for one fed only by other reports.
     */
    String recomputeFrom(DSLContext tx, Snapshot before, Incremental spec, String zone) {
        return spec.captured() ? openWindowStart(tx, before, spec, zone).toString() : "infinity";
    }

    void recordRefreshed(DSLContext tx, Report report, String zone, String signature, long rows) {
        tx.execute(
                "UPDATE analytics_control.incremental_report SET needs_full = false, full_reason = NULL,"
                        + " refreshed_at = now(), time_zone = ?, signature = ?, row_count = ?"
                        + " WHERE report_schema = ? AND report_name = ?",
                zone,
                signature,
                rows,
                report.schema(),
                report.name());
    }

    /** Forgets the report's row count, after rows were written outside a refresh: the next refresh counts them. */
    void forgetRowCount(DSLContext tx, Report report) {
        tx.execute(
                "UPDATE analytics_control.incremental_report SET row_count = NULL WHERE report_schema = ? AND report_name = ?",
                report.schema(),
                report.name());
    }

    /** The buckets a report rewrote become dirty in the reports that read it, in their units. */
    void markDependentsDirty(DSLContext tx, Report report, String buckets) {
        tx.execute(
                "INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)"
                        + " SELECT r.report_schema, r.report_name,"
                        + " (date_trunc(r.bucket_unit, b::timestamp) + shift.n * ('1 ' || r.bucket_unit)::interval)::date"
                        + " FROM unnest(?::date[]) AS b, analytics_control.incremental_report r,"
                        + " generate_series(0, r.lookback) AS shift(n) WHERE r.bucket_unit IN ('day', 'week', 'month')"
                        + " AND" + READS_REPORT + " ON CONFLICT DO NOTHING",
                buckets,
                report.oid());
        // A report kept by key cannot tell which of its keys a bucket holds: it is rebuilt, unless
        // it follows this one's keys, which the refresh passed on (see fedKeys).
        tx.execute(
                "UPDATE analytics_control.incremental_report r SET needs_full = true, full_reason = ?"
                        + " WHERE r.bucket_unit = 'key' AND" + READS_REPORT
                        + " AND NOT EXISTS (SELECT FROM analytics_control.key_feed f WHERE f.report_schema ="
                        + " r.report_schema AND f.report_name = r.report_name AND f.source_schema = ?"
                        + " AND f.source_name = ?)",
                report.qualified() + " changed",
                report.oid(),
                report.schema(),
                report.name());
    }

    /**
     * The reports kept by key that follow this report's keys are rebuilt at their next refresh:
     * after a repair by {@code verify}, which rewrites buckets without passing their keys on.
     */
    void markKeyFollowersFull(DSLContext tx, Report report) {
        tx.execute(
                "UPDATE analytics_control.incremental_report r SET needs_full = true, full_reason = ?"
                        + " FROM analytics_control.key_feed f WHERE f.report_schema = r.report_schema"
                        + " AND f.report_name = r.report_name AND f.source_schema = ? AND f.source_name = ?",
                report.qualified() + " was repaired",
                report.schema(),
                report.name());
    }

    /** A report kept by key that follows this report's rows, and the column of this report that holds its key. */
    /**
     * A report kept by key that follows this one's changed rows.
     *
     * @param readColumns the columns of this report it reads, its key column first; empty when it
     *     reads whole rows
     */
    record KeyFeed(String schema, String name, String keyColumn, List<String> readColumns) {
        KeyFeed {
            readColumns = List.copyOf(readColumns);
        }
    }

    /** The reports kept by key that follow this report's changed rows (see migrations V23 and V25). */
    List<KeyFeed> keyFeeds(DSLContext tx, Report report) {
        return tx
                .fetch(
                        "SELECT report_schema, report_name, key_column, read_columns FROM analytics_control.key_feed"
                                + " WHERE source_schema = ? AND source_name = ? ORDER BY 1, 2",
                        report.schema(),
                        report.name())
                .stream()
                .map(r -> new KeyFeed(
                        r.get("report_schema", String.class),
                        r.get("report_name", String.class),
                        r.get("key_column", String.class),
                        Optional.ofNullable(r.get("read_columns", String[].class))
                                .map(List::of)
                                .orElse(List.of())))
                .toList();
    }

    /** Records keys, as text, for the report that follows them; its next refresh claims them. */
    void fedKeys(DSLContext tx, KeyFeed feed, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        tx.execute(
                "INSERT INTO analytics_control.fed_key (report_schema, report_name, key)"
                        + " SELECT ?, ?, k FROM unnest(?::text[]) AS k ON CONFLICT DO NOTHING",
                feed.schema(),
                feed.name(),
                keys.toArray(String[]::new));
    }

    void markDependentsFull(DSLContext tx, Report report) {
        tx.execute(
                "UPDATE analytics_control.incremental_report r SET needs_full = true, full_reason = ? WHERE"
                        + READS_REPORT,
                report.qualified() + " was rebuilt in full",
                report.oid());
    }
}
