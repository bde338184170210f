package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.util.List;
import java.util.stream.Stream;
import org.jooq.Name;

/**
 * The generated capture of a {@code by-time} report: the statements its updates and deletes run
 * within a table's merged capture function, its sweeps, and its rebuild request. Each must never
 * fail on a row the primary accepted, as a failing trigger stops replication: they handle NULLs
 * and missing parent rows, and read nothing that can be absent. Each only appends, with ON
 * CONFLICT DO NOTHING on buckets a refresh never holds for long (it claims them in a short
 * transaction of its own).
 */
final class CaptureFunctions {

    private CaptureFunctions() {}

    /**
     * The statements that record the buckets of the old and, on an update, the new row's time,
     * when closed; part of the table's merged capture function ({@link MergedCapture}), which
     * declares {@code zone} and reads it.
     */
    static String timeSourceBody(ReportFile file, Source s, String closed, boolean update) {
        String col = name(s.column()).toString();
        String values =
                update ? "(VALUES (OLD." + col + "), (NEW." + col + ")) AS v(t)" : "(VALUES (OLD." + col + ")) AS v(t)";
        return insertDirty(file, "v.t", values) + "\n    WHERE v.t < " + closed + "\n    ON CONFLICT DO NOTHING;\n";
    }

    /**
     * The statements that look up the parent row of the new and the old row (on a delete, the
     * old), and record its bucket when closed; the merged function declares {@code parent_time}.
     * A missing parent row records nothing.
     */
    static String parentSourceBody(ReportFile file, Source s, String parentTimeColumn, String closed, boolean update) {
        Source.Parent parent = s.parent().orElseThrow();
        String col = name(s.column()).toString();
        String lookup = "    parent_time := NULL;\n    SELECT p." + name(parentTimeColumn) + " INTO parent_time FROM "
                + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn()) + " = ";
        String record = "    IF parent_time < " + closed + " THEN\n" + insertDirty(file, "parent_time", "")
                + "\n    ON CONFLICT DO NOTHING;\n    END IF;\n";
        if (!update) {
            return lookup + "OLD." + col + ";\n" + record;
        }
        return lookup + "NEW." + col + ";\n" + record + "    IF OLD." + col + " IS DISTINCT FROM NEW." + col + " THEN\n"
                + lookup + "OLD." + col + ";\n" + record + "    END IF;\n";
    }

    /**
     * The buckets of the child rows written since the sweep's mark whose parent row is closed.
     * The mark is a value the planner cannot see, so the sequential scan is forbidden: the BRIN
     * index reads just the recent block ranges, and each parent is looked up by its key in a
     * subquery that LIMIT keeps from being flattened into a join.
     */
    static String unswept(Name function, ReportFile file, Source s, String parentTimeColumn) {
        Source.Parent parent = s.parent().orElseThrow();
        Name table = MirrorDdl.table(s.table());
        return "CREATE FUNCTION " + function + "() RETURNS TABLE (bucket date) LANGUAGE sql STABLE"
                + " SET enable_seqscan = off BEGIN ATOMIC\n"
                + "    SELECT DISTINCT "
                + bucket(
                        file.byTime().orElseThrow(),
                        "date_trunc(" + inline(file.byTime().orElseThrow().unit()) + ", d.t AT TIME ZONE c.time_zone)")
                + "\n"
                + "    FROM (SELECT DISTINCT l." + name(s.column()) + " AS parent_key "
                + writtenSinceMark(file, table, "l") + ") AS n\n"
                + "    CROSS JOIN analytics_control.capture_setting c\n"
                + "    CROSS JOIN LATERAL (SELECT p." + name(parentTimeColumn) + " AS t FROM "
                + MirrorDdl.table(parent.table()) + " p WHERE p." + name(parent.keyColumn())
                + " = n.parent_key AND p." + name(parentTimeColumn) + " < now() - c.open_window LIMIT 1) AS d"
                + (file.byTime().orElseThrow().lookback() == 0
                        ? ""
                        : "\n    CROSS JOIN " + following(file.byTime().orElseThrow()))
                + ";\nEND";
    }

    /**
     * The buckets of the rows of one table written since the sweep's mark whose time, in any of
     * the report's time columns of that table, is closed: the inserts of a time source, which no
     * trigger records. As for a child source, the sequential scan is forbidden, so that the BRIN
     * index on {@code applied_xid} reads just the recent block ranges.
     */
    static String unsweptTimes(Name function, ReportFile file, Source.Table table, List<String> columns) {
        TimeBuckets t = file.byTime().orElseThrow();
        Name mirror = MirrorDdl.table(table);
        return "CREATE FUNCTION " + function + "() RETURNS TABLE (bucket date) LANGUAGE sql STABLE"
                + " SET enable_seqscan = off BEGIN ATOMIC\n"
                + "    SELECT DISTINCT "
                + bucket(t, "date_trunc(" + inline(t.unit()) + ", v.t AT TIME ZONE c.time_zone)") + "\n"
                + "    FROM (SELECT "
                + String.join(
                        ", ", columns.stream().map(col -> "r." + name(col)).toList()) + " "
                + writtenSinceMark(file, mirror, "r") + ") AS r\n"
                + "    CROSS JOIN analytics_control.capture_setting c\n"
                + "    CROSS JOIN LATERAL (VALUES "
                + String.join(
                        ", ",
                        columns.stream().map(col -> "(r." + name(col) + ")").toList())
                + ") AS v(t)"
                + (t.lookback() == 0 ? "" : "\n    CROSS JOIN " + following(t))
                + "\n    WHERE v.t < now() - c.open_window;\nEND";
    }

    /**
     * Records the unswept buckets and moves the mark to the snapshot's xmin, in one statement and
     * so one snapshot: every transaction below it had ended, so its rows were seen; one at or
     * above it may not have been, and the next sweep reads it again.
     */
    static String sweep(
            Name function, Name unswept, ReportFile file, Source.Table source, String dirtyTable, String column) {
        Name table = MirrorDdl.table(source);
        return "CREATE FUNCTION " + function + "() RETURNS bigint LANGUAGE sql BEGIN ATOMIC\n"
                + "    WITH recorded AS (INSERT INTO analytics_control." + dirtyTable + " (report_schema, report_name, "
                + column + ")\n"
                + "                      SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", u." + column
                + " FROM " + unswept + "() u ON CONFLICT DO NOTHING RETURNING 1),\n"
                + "         marked AS (UPDATE analytics_control.report_sweep\n"
                + "                    SET swept_below = greatest(swept_below, pg_snapshot_xmin(pg_current_snapshot())::text::bigint)\n"
                + "                    WHERE " + thisSweep(file, table, "") + " RETURNING 1)\n"
                + "    SELECT count(*) FROM recorded;\nEND";
    }

    /**
     * The FROM clause of the rows of {@code table}, as {@code alias}, that transactions at or
     * above the report's sweep mark wrote: the rows its next sweep reads. {@code OFFSET 0} keeps
     * the caller's conditions out of the subquery. Without it the planner, which cannot see the
     * mark's value, may read the table by the index of a time or key column the caller filters
     * on; on Debian's PostgreSQL 15 at 1,000,000 orders it read every closed row of
     * {@code stock_movements} (3.2 million, 770 ms) where the BRIN index reads none.
     */
    static String writtenSinceMark(ReportFile file, Name table, String alias) {
        return "FROM (SELECT s.* FROM analytics_control.report_sweep w JOIN " + table
                + " s ON s.applied_xid >= w.swept_below WHERE " + thisSweep(file, table, "w.")
                + " AND s.applied_xid IS NOT NULL OFFSET 0) AS " + alias;
    }

    private static String thisSweep(ReportFile file, Name table, String alias) {
        return alias + "report_schema = " + inline(file.schema()) + " AND " + alias + "report_name = "
                + inline(file.name()) + " AND " + alias + "source_table = " + inline(table.toString()) + "::regclass";
    }

    /** Asks for a rebuild of the report, once per transaction. */
    static String rebuild(Name function, ReportFile file) {
        String schema = inline(file.schema()).toString();
        String report = inline(file.name()).toString();
        return header(function) + "BEGIN\n"
                + "    INSERT INTO analytics_control.rebuild_request (report_schema, report_name, reason)\n"
                + "    SELECT " + schema + ", " + report
                + ", TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ': ' || lower(TG_OP)\n"
                + "    WHERE NOT EXISTS (SELECT FROM analytics_control.rebuild_request r WHERE r.report_schema = "
                + schema
                + " AND r.report_name = " + report + " AND r.requested_at = now());\n"
                + "    RETURN NULL;\nEND;\n$capture$";
    }

    private static String header(Name function) {
        return "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $capture$\n";
    }

    /**
     * The insert of the buckets of the time {@code at}, from {@code from} (a FROM clause, or
     * empty): its own bucket, and with a lookback as many after it.
     */
    private static String insertDirty(ReportFile file, String at, String from) {
        TimeBuckets t = file.byTime().orElseThrow();
        return "    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)\n"
                + "    SELECT " + inline(file.schema()) + ", " + inline(file.name()) + ", "
                + bucket(t, "date_trunc(" + inline(t.unit()) + ", " + at + " AT TIME ZONE zone)")
                + fromClause(
                        Stream.of(from, following(t)).filter(s -> !s.isEmpty()).toList());
    }

    private static String fromClause(List<String> items) {
        return items.isEmpty() ? "" : "\n    FROM " + String.join(" CROSS JOIN ", items);
    }

    /** A bucket's start, moved on by {@code shift.n} buckets when the report has a lookback. */
    private static String bucket(TimeBuckets t, String start) {
        return t.lookback() == 0 ? start + "::date" : "(" + start + " + shift.n * " + t.step() + ")::date";
    }

    /** The shifts of a change's buckets, 0 to the lookback; none without a lookback. */
    private static String following(TimeBuckets t) {
        return t.lookback() == 0 ? "" : "generate_series(0, " + t.lookback() + ") AS shift(n)";
    }
}
