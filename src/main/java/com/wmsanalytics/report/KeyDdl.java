package com.wmsanalytics.report;

import static org.jooq.impl.DSL.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The SQL that keeps a {@code by-key} report, generated from its declaration: its table, its
 * rows function and its capture. The rows function is the query with a filter on its key column
 * ({@code all OR key = ANY (keys)}), which PostgreSQL pushes down to the source's scan when the
 * key is a grouping column of a source table, so a recompute reads just the keys' rows.
 */
final class KeyDdl {

    private final DSLContext db;
    private final MirrorDdl mirror;

    KeyDdl(DSLContext db) {
        this.db = db;
        this.mirror = new MirrorDdl(db);
    }

    static String functionPrefix(ReportFile file, String keyType) {
        return "CREATE FUNCTION " + MirrorDdl.rowsFunction(file) + "(p_keys " + keyType + "[], p_all boolean)"
                + " RETURNS SETOF " + ReportDdl.relation(file)
                + " LANGUAGE sql STABLE BEGIN ATOMIC SELECT q.* FROM (\n";
    }

    static String functionSuffix(ReportFile file) {
        return "\n) AS q WHERE p_all OR q." + name(file.byKey().orElseThrow().column()) + " = ANY (p_keys); END";
    }

    /** The key, owner and grants of the table, and its registration as a report kept by key. */
    void finishTable(ReportFile file, String keyType) {
        ReportTables.finish(mirror, file, "(" + keyType + "[], boolean)");
        db.execute(
                "INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column,"
                        + " bucket_unit, definition, captured, needs_full, full_reason, key_type)"
                        + " VALUES (?, ?, ?, 'key', ?::regprocedure, true, true, 'installed by migrate', ?)",
                file.schema(),
                file.name(),
                file.byKey().orElseThrow().column(),
                MirrorDdl.rowsFunction(file) + "(" + keyType + "[], boolean)",
                keyType);
    }

    void populate(ReportFile file) {
        mirror.exec("INSERT INTO " + ReportDdl.relation(file) + " SELECT * FROM " + MirrorDdl.rowsFunction(file)
                + "(NULL, true)");
    }

    /**
     * The capture: each source's new rows are swept (a key comes with every new row, so a trigger
     * would call a function for each); its updates and deletes call a trigger; a TRUNCATE, or any
     * change to another table the report reads, asks for a rebuild.
     */
    void capture(ReportFile file, List<Source.Table> otherTables) {
        KeyedBy k = file.byKey().orElseThrow();
        String prefix = MirrorDdl.capturePrefix(file);
        String rows = db.fetchOne(
                        "SELECT definition::text AS definition FROM analytics_control.incremental_report WHERE report_schema = ?"
                                + " AND report_name = ?",
                        file.schema(),
                        file.name())
                .get("definition", String.class);
        Name rebuild = name("analytics_control", prefix + "rebuild");
        mirror.exec(CaptureFunctions.rebuild(rebuild, file));
        MergedCapture merged = new MergedCapture(db);
        List<Source.Table> captured = new ArrayList<>();
        for (int i = 0; i < k.sources().size(); i++) {
            Source s = k.sources().get(i);
            if (keptByTime(s.table())) {
                feed(file, s, rows);
                continue;
            }
            captured.add(s.table());
            String trigger = prefix + i;
            String parentKey = s.parent()
                    .map(p -> k.keySourceOf(p.table()).orElseThrow().column())
                    .orElse(s.column());
            for (boolean update : new boolean[] {true, false}) {
                merged.add(
                        file,
                        s.table(),
                        update ? MergedCapture.Event.UPDATE : MergedCapture.Event.DELETE,
                        i,
                        update ? mirror.changedColumns(s.table(), rows) : "true",
                        Optional.empty(),
                        s.parent().isEmpty()
                                ? KeyCaptureFunctions.keySourceBody(file, s, update)
                                : KeyCaptureFunctions.childSourceBody(file, s, parentKey, update));
            }
            mirror.appliedXid(s.table());
            Name unswept = name("analytics_control", trigger + "_unswept");
            Name sweep = name("analytics_control", trigger + "_sweep");
            mirror.exec(KeyCaptureFunctions.unswept(unswept, file, s, parentKey));
            mirror.exec(CaptureFunctions.sweep(sweep, unswept, file, s.table(), "dirty_key", "key"));
            mirror.registerSweep(file, s.table(), sweep, unswept);
            mirror.truncate(s.table(), trigger + "_trunc", rebuild);
        }
        captured.stream().distinct().forEach(merged::install);
        mirror.rebuildOn(otherTables, prefix, rebuild, rows);
    }

    /**
     * The BRIN index each mirror source's sweep reads, and an index on each source column for the
     * recompute's probes (on a report kept by time too: the keys' rows of its ledger).
     */
    void indexes(ReportFile file) {
        for (Source s : file.byKey().orElseThrow().sources()) {
            if (!keptByTime(s.table())) {
                mirror.appliedXid(s.table());
                mirror.index(s.table(), "applied_xid");
            }
            mirror.index(s.table(), s.column());
        }
    }

    /** Whether a source is a report kept by time, which feeds the keys of its changed rows rather than being captured. */
    boolean keptByTime(Source.Table table) {
        return unitOf(db, table).filter(TimeBuckets.UNITS::contains).isPresent();
    }

    /** The bucket unit of a table that is a table-backed report ({@code key} for one kept by key, {@code all} for kind table). */
    static Optional<String> unitOf(DSLContext db, Source.Table table) {
        return db.fetchOptional(
                        "SELECT bucket_unit FROM analytics_control.incremental_report WHERE report_schema = ?"
                                + " AND report_name = ?",
                        table.schema(),
                        table.name())
                .map(r -> r.get("bucket_unit", String.class));
    }

    /**
     * Registers a report kept by time as a feed of this one's keys: its refresh records the keys
     * of the rows it changed in the columns this report's rows function reads (PostgreSQL records
     * them one by one), or in any column when the function reads a whole row.
     */
    private void feed(ReportFile file, Source s, String rowsFunction) {
        db.execute(
                "INSERT INTO analytics_control.key_feed (report_schema, report_name, source_schema, source_name,"
                        + " key_column, read_columns)"
                        + " SELECT ?, ?, ?, ?, ?, CASE WHEN p.prosqlbody::text ~ ':varattno 0 ' THEN NULL ELSE"
                        + "   ARRAY[?::text] || ARRAY(SELECT a.attname::text FROM pg_depend d JOIN pg_attribute a"
                        + "   ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_proc'::regclass"
                        + "   AND d.objid = p.oid AND d.refobjid = ?::regclass AND a.attname <> ? ORDER BY a.attnum) END"
                        + " FROM pg_proc p WHERE p.oid = ?::regprocedure",
                file.schema(),
                file.name(),
                s.table().schema(),
                s.table().name(),
                s.column(),
                s.column(),
                MirrorDdl.table(s.table()).toString(),
                s.column(),
                rowsFunction);
    }
}
