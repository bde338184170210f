package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import org.jooq.Name;

/**
 * The generated capture of a {@code by-key} report: the statements its updates and deletes run
 * within a table's merged capture function, and its sweeps. As the by-time ones, they never fail
 * on a row the primary accepted (NULLs and missing parent rows record nothing) and only append.
 */
final class KeyCaptureFunctions {

    private KeyCaptureFunctions() {}

    /** The statements that record the old and, on an update, the new row's key. */
    static String keySourceBody(ReportFile file, Source s, boolean update) {
        Name col = name(s.column());
        return "    INSERT INTO analytics_control.dirty_key (report_schema, report_name, key)\n"
                + "    SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", v.k\n"
                + "    FROM (VALUES (OLD." + col + "::text)" + (update ? ", (NEW." + col + "::text)" : "")
                + ") AS v(k)\n"
                + "    WHERE v.k IS NOT NULL\n    ON CONFLICT DO NOTHING;\n";
    }

    /** The statements that look up the parent row of the new and the old row (on a delete, the old), and record its key. */
    static String childSourceBody(ReportFile file, Source s, String parentKeyColumn, boolean update) {
        Source.Parent parent = s.parent().orElseThrow();
        Name col = name(s.column());
        String record = "    INSERT INTO analytics_control.dirty_key (report_schema, report_name, key)\n"
                + "    SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", p." + name(parentKeyColumn)
                + "::text FROM " + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn()) + " = ";
        String tail = " AND p." + name(parentKeyColumn) + " IS NOT NULL ON CONFLICT DO NOTHING;\n";
        if (!update) {
            return record + "OLD." + col + tail;
        }
        return record + "NEW." + col + tail + "    IF OLD." + col + " IS DISTINCT FROM NEW." + col + " THEN\n" + record
                + "OLD." + col + tail + "    END IF;\n";
    }

    /** The keys of the rows written since the sweep's mark: their own, or their parent row's. */
    static String unswept(Name function, ReportFile file, Source s, String parentKeyColumn) {
        Name table = MirrorDdl.table(s.table());
        String recent = CaptureFunctions.writtenSinceMark(file, table, "l");
        String body = s.parent()
                .map(parent -> "    SELECT DISTINCT d.k FROM (SELECT DISTINCT l." + name(s.column()) + " AS parent_key "
                        + recent + ") AS n\n"
                        + "    CROSS JOIN LATERAL (SELECT p." + name(parentKeyColumn) + "::text AS k FROM "
                        + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn())
                        + " = n.parent_key LIMIT 1) AS d WHERE d.k IS NOT NULL;\n")
                .orElse("    SELECT DISTINCT l." + name(s.column()) + "::text " + recent + " WHERE l."
                        + name(s.column()) + " IS NOT NULL;\n");
        return "CREATE FUNCTION " + function + "() RETURNS TABLE (key text) LANGUAGE sql STABLE"
                + " SET enable_seqscan = off BEGIN ATOMIC\n" + body + "END";
    }
}
