package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The SQL that keeps a {@code by-time} report, generated from its declaration: its table, its
 * rows function, and its capture on the mirror. Every name in it is a checked identifier, quoted;
 * every value a literal jOOQ renders. The report's own query appears only inside the table's and
 * the function's statements, as their one query.
 *
 * <p>The query reads its range from {@code bucket}: {@code bucket.since} and {@code bucket.until}
 * (timestamptz, the range of the buckets wanted) and {@code bucket.zone} (the reporting time
 * zone). The rows function runs it once per dirty bucket before the open window and once for
 * the open window, and keeps the rows of each range's buckets only. With a {@code lookback},
 * each range starts that many buckets earlier, so that a bucket's row can read the buckets
 * before it, and the capture dirties that many buckets after each change's own.
 */
final class TimeBucketDdl {

    static final String TABLE_SUFFIX = "\n) AS report OFFSET 0) AS q WITH NO DATA";

    private final DSLContext db;
    private final MirrorDdl mirror;

    TimeBucketDdl(DSLContext db) {
        this.db = db;
        this.mirror = new MirrorDdl(db);
    }

    /** The prefix of the table's statement; the query follows it, then {@link #TABLE_SUFFIX}. */
    static String tablePrefix(ReportFile file) {
        return "CREATE TABLE " + ReportDdl.relation(file)
                + " AS SELECT q.* FROM (SELECT '-infinity'::timestamptz AS since, 'infinity'::timestamptz AS until,"
                + " 'UTC'::text AS zone) AS bucket CROSS JOIN LATERAL (SELECT * FROM (\n";
    }

    /** The prefix of the rows function's statement; the query follows it, then {@link #functionSuffix}. */
    static String functionPrefix(ReportFile file) {
        TimeBuckets t = file.byTime().orElseThrow();
        String step = inline("1 " + t.unit()).toString();
        String back = t.lookback() == 0 ? "" : " - " + t.lookback() + " * " + t.step();
        return "CREATE FUNCTION " + MirrorDdl.rowsFunction(file) + "(p_buckets date[], p_from date) RETURNS SETOF "
                + ReportDdl.relation(file) + " LANGUAGE sql STABLE BEGIN ATOMIC SELECT q.* FROM ("
                + " SELECT (b.bucket" + back + ")::timestamp AT TIME ZONE c.time_zone AS since,"
                + " (b.bucket + " + step + "::interval)::timestamp AT TIME ZONE c.time_zone AS until,"
                + " c.time_zone AS zone, b.bucket AS first_bucket, (b.bucket + " + step
                + "::interval)::date AS end_bucket"
                + " FROM analytics_control.capture_setting c, unnest(p_buckets) AS b(bucket) WHERE b.bucket < p_from"
                + " UNION ALL SELECT (p_from" + back + ")::timestamp AT TIME ZONE c.time_zone, 'infinity'::timestamptz,"
                + " c.time_zone,"
                + " p_from, 'infinity'::date FROM analytics_control.capture_setting c WHERE p_from < 'infinity'::date"
                + ") AS bucket CROSS JOIN LATERAL (SELECT * FROM (\n";
    }

    static String functionSuffix(ReportFile file) {
        Name column = name(file.byTime().orElseThrow().column());
        return "\n) AS report OFFSET 0) AS q WHERE q." + column + " >= bucket.first_bucket AND q." + column
                + " < bucket.end_bucket; END";
    }

    /** The key, owner and grants of the table, and its registration as an incremental report. */
    void finishTable(ReportFile file) {
        ReportTables.finish(mirror, file, "(date[], date)");
        TimeBuckets t = file.byTime().orElseThrow();
        db.execute(
                "INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column,"
                        + " bucket_unit, definition, captured, needs_full, full_reason, lookback)"
                        + " VALUES (?, ?, ?, ?, ?::regprocedure, true, true, 'installed by migrate', ?)",
                file.schema(),
                file.name(),
                t.column(),
                t.unit(),
                MirrorDdl.rowsFunction(file) + "(date[], date)",
                t.lookback());
    }

    /** Fills the table from its definition, in the reporting time zone the refresh last used. */
    void populate(ReportFile file) {
        mirror.exec("INSERT INTO " + ReportDdl.relation(file) + " SELECT * FROM " + MirrorDdl.rowsFunction(file)
                + "('{}'::date[], '-infinity'::date)");
    }

    /**
     * The capture: for a time source, its part of the table's merged trigger on updates and
     * deletes ({@link MergedCapture}), whose condition lets a row of the open window through
     * without a call, and a sweep of its new rows (per table, over its time columns); for a child
     * source, its part of the merged triggers and a sweep of its new rows; a rebuild request on any change to another table the report reads,
     * and on a TRUNCATE of any of them. No insert calls a trigger: inserts are the bulk of what a
     * WMS writes, and each trigger on them cost the subscription's apply a share of its
     * throughput.
     */
    void capture(ReportFile file, List<Source.Table> otherTables) {
        TimeBuckets t = file.byTime().orElseThrow();
        String closed = MergedCapture.closed(db);
        String prefix = MirrorDdl.capturePrefix(file);
        String rows = MirrorDdl.rowsFunction(file) + "(date[], date)";
        Name rebuild = name("analytics_control", prefix + "rebuild");
        mirror.exec(CaptureFunctions.rebuild(rebuild, file));
        MergedCapture merged = new MergedCapture(db);
        for (int i = 0; i < t.sources().size(); i++) {
            Source s = t.sources().get(i);
            String trigger = prefix + i;
            if (s.parent().isEmpty()) {
                Name col = name(s.column());
                merged.add(
                        file,
                        s.table(),
                        MergedCapture.Event.UPDATE,
                        i,
                        "(OLD." + col + " < " + closed + " OR NEW." + col + " < " + closed + ") AND "
                                + mirror.changedColumns(s.table(), rows),
                        Optional.of(s.column()),
                        CaptureFunctions.timeSourceBody(file, s, closed, true));
                merged.add(
                        file,
                        s.table(),
                        MergedCapture.Event.DELETE,
                        i,
                        "OLD." + col + " < " + closed,
                        Optional.of(s.column()),
                        CaptureFunctions.timeSourceBody(file, s, closed, false));
            } else {
                String parentTime =
                        t.timeSourceOf(s.parent().get().table()).orElseThrow().column();
                merged.add(
                        file,
                        s.table(),
                        MergedCapture.Event.UPDATE,
                        i,
                        mirror.changedColumns(s.table(), rows),
                        Optional.empty(),
                        CaptureFunctions.parentSourceBody(file, s, parentTime, closed, true));
                merged.add(
                        file,
                        s.table(),
                        MergedCapture.Event.DELETE,
                        i,
                        "true",
                        Optional.empty(),
                        CaptureFunctions.parentSourceBody(file, s, parentTime, closed, false));
                mirror.appliedXid(s.table());
                Name unswept = name("analytics_control", trigger + "_unswept");
                Name sweep = name("analytics_control", trigger + "_sweep");
                mirror.exec(CaptureFunctions.unswept(unswept, file, s, parentTime));
                mirror.exec(CaptureFunctions.sweep(sweep, unswept, file, s.table(), "dirty_bucket", "bucket"));
                mirror.registerSweep(file, s.table(), sweep, unswept);
            }
            mirror.truncate(s.table(), prefix + i + "_trunc", rebuild);
        }
        List<Source.Table> timeTables = timeTables(t);
        for (int j = 0; j < timeTables.size(); j++) {
            Source.Table table = timeTables.get(j);
            mirror.appliedXid(table);
            Name unswept = name("analytics_control", prefix + "t" + j + "_unswept");
            Name sweep = name("analytics_control", prefix + "t" + j + "_sweep");
            mirror.exec(CaptureFunctions.unsweptTimes(unswept, file, table, timeColumns(t, table)));
            mirror.exec(CaptureFunctions.sweep(sweep, unswept, file, table, "dirty_bucket", "bucket"));
            mirror.registerSweep(file, table, sweep, unswept);
        }
        t.sources().stream().map(Source::table).distinct().forEach(merged::install);
        mirror.rebuildOn(otherTables, prefix, rebuild, rows);
    }

    /**
     * Creates an index on each declared column that no index leads with, so that a bucket's
     * recompute can probe, and the BRIN index each source's sweep reads.
     */
    void indexes(ReportFile file) {
        for (Source s : file.byTime().orElseThrow().sources()) {
            mirror.appliedXid(s.table());
            mirror.index(s.table(), "applied_xid");
            mirror.index(s.table(), s.column());
        }
    }

    /** The tables of the report's time sources (those without a parent), each once, in declaration order. */
    private static List<Source.Table> timeTables(TimeBuckets t) {
        return t.sources().stream()
                .filter(s -> s.parent().isEmpty())
                .map(Source::table)
                .distinct()
                .toList();
    }

    private static List<String> timeColumns(TimeBuckets t, Source.Table table) {
        return t.sources().stream()
                .filter(s -> s.parent().isEmpty() && s.table().equals(table))
                .map(Source::column)
                .toList();
    }
}
