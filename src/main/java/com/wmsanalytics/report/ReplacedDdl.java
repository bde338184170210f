package com.wmsanalytics.report;

import org.jooq.DSLContext;

/**
 * The SQL of a report of kind {@code table}: its table and its rows function, which is its query
 * as it stands. Nothing captures its sources: every refresh rebuilds it.
 */
final class ReplacedDdl {

    /** Its bucket unit in {@code analytics_control.incremental_report}: it has no buckets, it is rebuilt whole. */
    static final String UNIT = "all";

    static final String ROWS_ARGUMENTS = "()";

    static final String FUNCTION_SUFFIX = "\n) AS q; END";

    private final DSLContext db;
    private final MirrorDdl mirror;

    ReplacedDdl(DSLContext db) {
        this.db = db;
        this.mirror = new MirrorDdl(db);
    }

    static String functionPrefix(ReportFile file) {
        return "CREATE FUNCTION " + MirrorDdl.rowsFunction(file) + ROWS_ARGUMENTS + " RETURNS SETOF "
                + ReportDdl.relation(file) + " LANGUAGE sql STABLE BEGIN ATOMIC SELECT q.* FROM (\n";
    }

    /** The key, owner and grants of the table, and its registration as a report rebuilt at every refresh. */
    void finishTable(ReportFile file) {
        ReportTables.finish(mirror, file, ROWS_ARGUMENTS);
        db.execute(
                "INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column,"
                        + " bucket_unit, definition, captured, needs_full, full_reason)"
                        + " VALUES (?, ?, NULL, ?, ?::regprocedure, false, true, 'installed by migrate')",
                file.schema(),
                file.name(),
                UNIT,
                MirrorDdl.rowsFunction(file) + ROWS_ARGUMENTS);
    }

    void populate(ReportFile file) {
        mirror.exec("INSERT INTO " + ReportDdl.relation(file) + " SELECT * FROM " + MirrorDdl.rowsFunction(file)
                + ROWS_ARGUMENTS);
    }
}
