package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import org.jooq.Name;

/**
 * The generated capture functions of a {@code by-key} report. As the by-time ones, they never
 * fail on a row the primary accepted (NULLs and missing parent rows record nothing) and only
 * append. Updates and deletes call them; new rows are swept.
 */
final class KeyCaptureFunctions {

    private KeyCaptureFunctions() {}

    /** Records the old and the new row's key. */
    static String keySource(Name function, ReportFile file, Source s) {
        Name col = name(s.column());
        return header(function) + "BEGIN\n"
                + "    INSERT INTO analytics_control.dirty_key (report_schema, report_name, key)\n"
                + "    SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", v.k\n"
                + "    FROM (VALUES (CASE WHEN TG_OP <> 'INSERT' THEN OLD." + col + "::text END),\n"
                + "                 (CASE WHEN TG_OP <> 'DELETE' THEN NEW." + col + "::text END)) AS v(k)\n"
                + "    WHERE v.k IS NOT NULL\n    ON CONFLICT DO NOTHING;\n    RETURN NULL;\nEND;\n$capture$";
    }

    /** Looks up the parent row of the new and the old row, and records its key. */
    static String childSource(Name function, ReportFile file, Source s, String parentKeyColumn) {
        Source.Parent parent = s.parent().orElseThrow();
        Name col = name(s.column());
        String record = "    INSERT INTO analytics_control.dirty_key (report_schema, report_name, key)\n"
                + "    SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", p." + name(parentKeyColumn)
                + "::text FROM " + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn()) + " = ";
        String tail = " AND p." + name(parentKeyColumn) + " IS NOT NULL ON CONFLICT DO NOTHING;\n";
        return header(function) + "BEGIN\n"
                + "    IF TG_OP <> 'DELETE' THEN\n    " + record + "NEW." + col + tail + "    END IF;\n"
                + "    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD." + col + " IS DISTINCT FROM NEW." + col
                + ") THEN\n    " + record + "OLD." + col + tail + "    END IF;\n"
                + "    RETURN NULL;\nEND;\n$capture$";
    }

    /** The keys of the rows written since the sweep's mark: their own, or their parent row's. */
    static String unswept(Name function, ReportFile file, Source s, String parentKeyColumn) {
        Name table = MirrorDdl.table(s.table());
        String recent = "FROM analytics_control.report_sweep w JOIN " + table + " l ON l.applied_xid >= w.swept_below"
                + " WHERE " + CaptureFunctions.thisSweep(file, table, "w.") + " AND l.applied_xid IS NOT NULL";
        String body = s.parent()
                .map(parent -> "    SELECT DISTINCT d.k FROM (SELECT DISTINCT l." + name(s.column()) + " AS parent_key "
                        + recent + ") AS n\n"
                        + "    CROSS JOIN LATERAL (SELECT p." + name(parentKeyColumn) + "::text AS k FROM "
                        + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn())
                        + " = n.parent_key LIMIT 1) AS d WHERE d.k IS NOT NULL;\n")
                .orElse("    SELECT DISTINCT l." + name(s.column()) + "::text " + recent + " AND l." + name(s.column())
                        + " IS NOT NULL;\n");
        return "CREATE FUNCTION " + function + "() RETURNS TABLE (key text) LANGUAGE sql STABLE"
                + " SET enable_seqscan = off BEGIN ATOMIC\n" + body + "END";
    }

    private static String header(Name function) {
        return "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $capture$\n";
    }
}
