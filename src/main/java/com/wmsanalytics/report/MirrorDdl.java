package com.wmsanalytics.report;

import static org.jooq.impl.DSL.name;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * What the generated capture of a table-backed report file does on the mirror and in the
 * control schema, whatever its kind: triggers (ENABLE ALWAYS, as the apply worker runs with
 * session_replication_role = replica), the sweep column of a source whose new rows are swept,
 * indexes, and the drop of it all. Its functions and triggers are named {@code capture_}, 12 hex
 * digits of the report's name and a suffix, so that the drop finds them.
 */
final class MirrorDdl {

    private final DSLContext db;

    MirrorDdl(DSLContext db) {
        this.db = db;
    }

    void exec(String sql) {
        db.connection(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(sql);
            }
        });
    }

    /** A row trigger, with a WHEN clause unless {@code when} is null. */
    void trigger(Source.Table on, String trigger, String events, String when, Name function) {
        exec("CREATE TRIGGER " + name(trigger) + " AFTER " + events + " ON " + table(on) + " FOR EACH ROW"
                + (when == null ? "" : " WHEN (" + when + ")") + " EXECUTE FUNCTION " + function + "()");
        exec("ALTER TABLE " + table(on) + " ENABLE ALWAYS TRIGGER " + name(trigger));
    }

    /**
     * A WHEN condition that holds when an update changed a column of {@code on} that the report's
     * rows function reads (PostgreSQL records them in pg_depend). The apply worker marks every
     * replicated column as updated, so {@code UPDATE OF} would fire anyway; this condition lets an
     * update of other columns (an order's status, say) through without a call.
     */
    String changedColumns(Source.Table on, String rowsFunction) {
        List<String> read = db.fetch(
                        "SELECT DISTINCT a.attname AS column_name FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid"
                                + " AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_proc'::regclass"
                                + " AND d.objid = ?::regprocedure AND d.refobjid = to_regclass(?) AND d.refobjsubid > 0"
                                + " ORDER BY 1",
                        rowsFunction,
                        table(on).toString())
                .map(r -> r.get("column_name", String.class));
        if (read.isEmpty()) {
            return "true";
        }
        return "("
                + String.join(
                        " OR ",
                        read.stream()
                                .map(c -> "OLD." + name(c) + " IS DISTINCT FROM NEW." + name(c))
                                .toList())
                + ")";
    }

    /** A TRUNCATE trigger; it fires for a replicated TRUNCATE too. */
    void truncate(Source.Table on, String trigger, Name function) {
        exec("CREATE TRIGGER " + name(trigger) + " AFTER TRUNCATE ON " + table(on)
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + function + "()");
        exec("ALTER TABLE " + table(on) + " ENABLE ALWAYS TRIGGER " + name(trigger));
    }

    /**
     * Asks for a rebuild on any change to the tables the query reads but the declaration does not
     * name: an insert, a delete, a TRUNCATE, and an update of a column the rows function reads (a
     * location's warehouse, a product's cost; not its other columns).
     */
    void rebuildOn(List<Source.Table> tables, String prefix, Name rebuild, String rowsFunction) {
        for (int i = 0; i < tables.size(); i++) {
            Source.Table on = tables.get(i);
            trigger(on, prefix + "r" + i, "INSERT OR DELETE", null, rebuild);
            trigger(on, prefix + "r" + i + "_upd", "UPDATE", changedColumns(on, rowsFunction), rebuild);
            truncate(on, prefix + "r" + i + "_trunc", rebuild);
        }
    }

    /**
     * Gives a source the column its sweep reads: {@code applied_xid}, the id of the replica
     * transaction that wrote the row, a column default the apply worker evaluates without a call.
     *
     * <p>The default is {@code txid_current()}: the same 64-bit id as {@code
     * pg_current_xact_id()::text::bigint}, in one function call. The apply worker plans a missing
     * column's default again for every row it inserts, so the size of the expression is paid per
     * row: the two casts cost the apply about 1.5 µs a row, the one call about 0.4 µs (100,000
     * replicated inserts into a five-column table on Debian's PostgreSQL 15: 405 ms without a
     * default, 553 ms with the casts, 442 ms with the call).
     */
    void appliedXid(Source.Table on) {
        String table = table(on).toString();
        if (!db.fetchExists(db.selectOne()
                .from("pg_attribute a")
                .where("a.attrelid = to_regclass(?) AND a.attname = 'applied_xid' AND NOT a.attisdropped", table))) {
            exec("ALTER TABLE " + table + " ADD COLUMN applied_xid bigint");
            exec("COMMENT ON COLUMN " + table + ".applied_xid IS 'The replica transaction that wrote the row (a"
                    + " default; the publisher has no such column): how the change capture finds new rows.'");
        }
        // Set again when the column was there: without its default, new rows would escape the sweep.
        exec("ALTER TABLE " + table + " ALTER COLUMN applied_xid SET DEFAULT txid_current()");
    }

    /** Registers a sweep: its mark starts at the current snapshot's xmin. */
    void registerSweep(ReportFile file, Source.Table on, Name sweep, Name unswept) {
        db.execute(
                "INSERT INTO analytics_control.report_sweep (report_schema, report_name, source_table, swept_below,"
                        + " sweep, unswept) VALUES (?, ?, ?::regclass, pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
                        + " ?::regprocedure, ?::regprocedure)",
                file.schema(),
                file.name(),
                table(on).toString(),
                sweep + "()",
                unswept + "()");
    }

    /** A B-tree index on {@code column}, or a BRIN index on {@code applied_xid}, unless an index leads with it. */
    void index(Source.Table on, String column) {
        if (leadingIndex(on, column)) {
            return;
        }
        exec("CREATE INDEX ON " + table(on)
                + (column.equals("applied_xid")
                        ? " USING brin (applied_xid) WITH (pages_per_range = 32)"
                        : " (" + name(column) + ")"));
    }

    private boolean leadingIndex(Source.Table on, String column) {
        return db.fetchExists(db.selectOne()
                .from("pg_index i")
                .join("pg_attribute a")
                .on("a.attrelid = i.indrelid AND a.attnum = i.indkey[0]")
                .where(
                        "i.indrelid = to_regclass(?) AND a.attname = ?",
                        table(on).toString(),
                        column));
    }

    /** Drops a table-backed report: its capture, control rows, rows function and table. */
    void drop(String schema, String reportName) {
        MergedCapture merged = new MergedCapture(db);
        merged.forget(schema, reportName).forEach(merged::install);
        String prefix = capturePrefix(schema + "." + reportName);
        String like = prefix.replace("_", "\\_") + "%";
        db.fetch(
                        "SELECT t.tgrelid::regclass::text AS table_name, t.tgname FROM pg_trigger t WHERE t.tgname LIKE ?",
                        like)
                .forEach(r -> exec("DROP TRIGGER " + name(r.get("tgname", String.class)) + " ON "
                        + r.get("table_name", String.class)));
        db.fetch(
                        "SELECT p.oid::regprocedure::text AS signature FROM pg_proc p WHERE p.pronamespace = 'analytics_control'::regnamespace"
                                + " AND p.proname LIKE ?",
                        like)
                .forEach(r -> exec("DROP FUNCTION " + r.get("signature", String.class)));
        for (String control : List.of(
                "report_sweep",
                "incremental_report",
                "dirty_bucket",
                "claimed_bucket",
                "dirty_key",
                "claimed_key",
                "key_feed",
                "fed_key",
                "rebuild_request")) {
            db.execute(
                    "DELETE FROM analytics_control." + control + " WHERE report_schema = ? AND report_name = ?",
                    schema,
                    reportName);
        }
        db.fetch(
                        "SELECT p.oid::regprocedure::text AS signature FROM pg_proc p WHERE p.pronamespace = to_regnamespace(?)"
                                + " AND p.proname = ?",
                        name(schema).toString(),
                        rowsFunctionName(reportName))
                .forEach(r -> exec("DROP FUNCTION " + r.get("signature", String.class)));
        exec("DROP TABLE " + name(schema, reportName));
    }

    /** {@code capture_} and 12 hex digits of the report's name: its functions and triggers start with it. */
    static String capturePrefix(ReportFile file) {
        return capturePrefix(file.qualified());
    }

    private static String capturePrefix(String qualified) {
        return "capture_"
                + ReportFileParser.sha256(qualified.getBytes(StandardCharsets.UTF_8))
                        .substring(0, 12) + "_";
    }

    /** The rows function of a report: its name and {@code _rows}, within PostgreSQL's 63 characters. */
    static Name rowsFunction(ReportFile file) {
        return name(file.schema(), rowsFunctionName(file.name()));
    }

    private static String rowsFunctionName(String report) {
        return (report.length() > 58 ? report.substring(0, 58) : report) + "_rows";
    }

    static Name table(Source.Table t) {
        return name(t.schema(), t.name());
    }
}
