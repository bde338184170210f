package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
 * the open window, and keeps the rows of each range's buckets only.
 */
final class TimeBucketDdl {

    private final DSLContext db;

    TimeBucketDdl(DSLContext db) {
        this.db = db;
    }

    /** The prefix of the table's statement; the query follows it, then {@link #TABLE_SUFFIX}. */
    static String tablePrefix(ReportFile file) {
        return "CREATE TABLE " + render(ReportDdl.relation(file))
                + " AS SELECT q.* FROM (SELECT '-infinity'::timestamptz AS since, 'infinity'::timestamptz AS until,"
                + " 'UTC'::text AS zone) AS bucket CROSS JOIN LATERAL (SELECT * FROM (\n";
    }

    static final String TABLE_SUFFIX = "\n) AS report OFFSET 0) AS q WITH NO DATA";

    /** The prefix of the rows function's statement; the query follows it, then {@link #functionSuffix}. */
    static String functionPrefix(ReportFile file) {
        TimeBuckets t = file.byTime().orElseThrow();
        String step = inline("1 " + t.unit()).toString();
        return "CREATE FUNCTION " + render(rowsFunction(file)) + "(p_buckets date[], p_from date) RETURNS SETOF "
                + render(ReportDdl.relation(file)) + " LANGUAGE sql STABLE BEGIN ATOMIC SELECT q.* FROM ("
                + " SELECT b.bucket::timestamp AT TIME ZONE c.time_zone AS since,"
                + " (b.bucket + " + step + "::interval)::timestamp AT TIME ZONE c.time_zone AS until,"
                + " c.time_zone AS zone, b.bucket AS first_bucket, (b.bucket + " + step
                + "::interval)::date AS end_bucket"
                + " FROM analytics_control.capture_setting c, unnest(p_buckets) AS b(bucket) WHERE b.bucket < p_from"
                + " UNION ALL SELECT p_from::timestamp AT TIME ZONE c.time_zone, 'infinity'::timestamptz, c.time_zone,"
                + " p_from, 'infinity'::date FROM analytics_control.capture_setting c WHERE p_from < 'infinity'::date"
                + ") AS bucket CROSS JOIN LATERAL (SELECT * FROM (\n";
    }

    static String functionSuffix(ReportFile file) {
        String column = render(name(file.byTime().orElseThrow().column()));
        return "\n) AS report OFFSET 0) AS q WHERE q." + column + " >= bucket.first_bucket AND q." + column
                + " < bucket.end_bucket; END";
    }

    static Name rowsFunction(ReportFile file) {
        String base = file.name().length() > 58 ? file.name().substring(0, 58) : file.name();
        return name(file.schema(), base + "_rows");
    }

    /** The key, owner and grants of the table, and its registration as an incremental report. */
    void finishTable(ReportFile file) {
        Name table = ReportDdl.relation(file);
        exec("ALTER TABLE " + render(table) + " ADD PRIMARY KEY ("
                + String.join(
                        ", ",
                        file.uniqueKey().stream().map(c -> render(name(c))).toList()) + ")");
        exec("ALTER TABLE " + render(table) + " OWNER TO " + render(name(ReportDdl.REFRESHER)));
        exec("ALTER FUNCTION " + render(rowsFunction(file)) + "(date[], date) OWNER TO "
                + render(name(ReportDdl.REFRESHER)));
        exec("GRANT SELECT ON " + render(table) + " TO " + render(name(ReportDdl.BI_READER)));
        TimeBuckets t = file.byTime().orElseThrow();
        db.execute(
                "INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column,"
                        + " bucket_unit, definition, captured, needs_full, full_reason)"
                        + " VALUES (?, ?, ?, ?, ?::regprocedure, true, true, 'installed by migrate')",
                file.schema(),
                file.name(),
                t.column(),
                t.unit(),
                render(rowsFunction(file)) + "(date[], date)");
    }

    /** Fills the table from its definition, in the reporting time zone the refresh last used. */
    void populate(ReportFile file) {
        exec("INSERT INTO " + render(ReportDdl.relation(file)) + " SELECT * FROM " + render(rowsFunction(file))
                + "('{}'::date[], '-infinity'::date)");
    }

    /**
     * The capture: a row trigger per declared source (ENABLE ALWAYS, as the apply worker runs
     * with session_replication_role = replica), whose WHEN clause lets a row of the open window
     * through without a call; a trigger that asks for a rebuild on any change to another table
     * the report reads, and on a TRUNCATE of any of them.
     */
    void capture(ReportFile file, List<TimeBuckets.Table> otherTables) {
        TimeBuckets t = file.byTime().orElseThrow();
        String window = db.fetchOne("SELECT open_window::text FROM analytics_control.capture_setting")
                .get(0, String.class);
        String closed = "now() - " + inline(window) + "::interval";
        String prefix = capturePrefix(file);
        Name rebuild = name("analytics_control", prefix + "rebuild");
        exec(CaptureFunctions.rebuild(rebuild, file));
        for (int i = 0; i < t.sources().size(); i++) {
            TimeBuckets.Source s = t.sources().get(i);
            Name function = name("analytics_control", prefix + i);
            String trigger = prefix + i;
            if (s.parent().isEmpty()) {
                exec(CaptureFunctions.timeSource(function, file, s, closed));
                String col = render(name(s.column()));
                trigger(s.table(), trigger + "_ins", "INSERT", "NEW." + col + " < " + closed, function);
                trigger(
                        s.table(),
                        trigger + "_upd",
                        "UPDATE",
                        "OLD." + col + " < " + closed + " OR NEW." + col + " < " + closed,
                        function);
                trigger(s.table(), trigger + "_del", "DELETE", "OLD." + col + " < " + closed, function);
            } else {
                TimeBuckets.Source parentTime =
                        t.timeSourceOf(s.parent().get().table()).orElseThrow();
                exec(CaptureFunctions.parentSource(function, file, s, parentTime.column(), closed));
                trigger(s.table(), trigger + "_row", "UPDATE OR DELETE", null, function);
                sweep(file, s, parentTime.column(), prefix + i + "_");
            }
            truncate(s.table(), prefix + i + "_trunc", rebuild);
        }
        for (int i = 0; i < otherTables.size(); i++) {
            trigger(otherTables.get(i), prefix + "r" + i, "INSERT OR UPDATE OR DELETE", null, rebuild);
            truncate(otherTables.get(i), prefix + "r" + i + "_trunc", rebuild);
        }
    }

    /**
     * New rows of a child source are swept before each refresh instead of calling a function
     * each: the table gets {@code applied_xid} (a column default, which the apply worker
     * evaluates without a call), and the report a sweep mark and two generated functions.
     */
    private void sweep(ReportFile file, TimeBuckets.Source s, String parentTimeColumn, String prefix) {
        String table = render(table(s.table()));
        if (!db.fetchExists(db.selectOne()
                .from("pg_attribute a")
                .where("a.attrelid = to_regclass(?) AND a.attname = 'applied_xid' AND NOT a.attisdropped", table))) {
            exec("ALTER TABLE " + table + " ADD COLUMN applied_xid bigint");
            exec("COMMENT ON COLUMN " + table + ".applied_xid IS 'The replica transaction that wrote the row (a"
                    + " default; the publisher has no such column): how the change capture finds new rows.'");
        }
        // Set again when the column was there: without its default, new rows would escape the sweep.
        exec("ALTER TABLE " + table + " ALTER COLUMN applied_xid SET DEFAULT pg_current_xact_id()::text::bigint");
        Name unswept = name("analytics_control", prefix + "unswept");
        Name sweep = name("analytics_control", prefix + "sweep");
        exec(CaptureFunctions.unswept(unswept, file, s, parentTimeColumn));
        exec(CaptureFunctions.sweep(sweep, unswept, file, s));
        db.execute(
                "INSERT INTO analytics_control.report_sweep (report_schema, report_name, source_table, swept_below,"
                        + " sweep, unswept) VALUES (?, ?, ?::regclass, pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
                        + " ?::regprocedure, ?::regprocedure)",
                file.schema(),
                file.name(),
                table,
                render(sweep) + "()",
                render(unswept) + "()");
    }

    /**
     * Creates an index on each declared column that no index leads with, so that a bucket's
     * recompute can probe, and the BRIN index a child source's sweep reads.
     */
    void indexes(ReportFile file) {
        for (TimeBuckets.Source s : file.byTime().orElseThrow().sources()) {
            if (s.parent().isPresent() && !leadingIndex(s.table(), "applied_xid")) {
                exec("CREATE INDEX ON " + render(table(s.table()))
                        + " USING brin (applied_xid) WITH (pages_per_range = 32)");
            }
            if (!leadingIndex(s.table(), s.column())) {
                exec("CREATE INDEX ON " + render(table(s.table())) + " (" + render(name(s.column())) + ")");
            }
        }
    }

    private boolean leadingIndex(TimeBuckets.Table on, String column) {
        return db.fetchExists(db.selectOne()
                .from("pg_index i")
                .join("pg_attribute a")
                .on("a.attrelid = i.indrelid AND a.attnum = i.indkey[0]")
                .where("i.indrelid = to_regclass(?) AND a.attname = ?", render(table(on)), column));
    }

    /** Drops the report's capture, registration, rows function and table. */
    void drop(String schema, String reportName) {
        String prefix = capturePrefix(schema + "." + reportName);
        db.fetch(
                        "SELECT t.tgrelid::regclass::text, t.tgname FROM pg_trigger t WHERE t.tgname LIKE ?",
                        prefix.replace("_", "\\_") + "%")
                .forEach(r ->
                        exec("DROP TRIGGER " + render(name(r.get(1, String.class))) + " ON " + r.get(0, String.class)));
        db.fetch(
                        "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'analytics_control'::regnamespace"
                                + " AND p.proname LIKE ?",
                        prefix.replace("_", "\\_") + "%")
                .forEach(r -> exec("DROP FUNCTION " + r.get(0, String.class)));
        for (String control :
                List.of("report_sweep", "incremental_report", "dirty_bucket", "claimed_bucket", "rebuild_request")) {
            db.execute(
                    "DELETE FROM analytics_control." + control + " WHERE report_schema = ? AND report_name = ?",
                    schema,
                    reportName);
        }
        String base = reportName.length() > 58 ? reportName.substring(0, 58) : reportName;
        exec("DROP FUNCTION IF EXISTS " + render(name(schema, base + "_rows")) + "(date[], date)");
        exec("DROP TABLE " + render(name(schema, reportName)));
    }

    private void trigger(TimeBuckets.Table on, String trigger, String events, String when, Name function) {
        exec("CREATE TRIGGER " + render(name(trigger)) + " AFTER " + events + " ON " + render(table(on))
                + " FOR EACH ROW" + (when == null ? "" : " WHEN (" + when + ")") + " EXECUTE FUNCTION "
                + render(function) + "()");
        exec("ALTER TABLE " + render(table(on)) + " ENABLE ALWAYS TRIGGER " + render(name(trigger)));
    }

    private void truncate(TimeBuckets.Table on, String trigger, Name function) {
        exec("CREATE TRIGGER " + render(name(trigger)) + " AFTER TRUNCATE ON " + render(table(on))
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + render(function) + "()");
        exec("ALTER TABLE " + render(table(on)) + " ENABLE ALWAYS TRIGGER " + render(name(trigger)));
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

    static Name table(TimeBuckets.Table t) {
        return name(t.schema(), t.name());
    }

    static String render(Name name) {
        return name.toString();
    }

    private void exec(String sql) {
        db.connection(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(sql);
            }
        });
    }

    static String unit(ReportFile file) {
        return file.byTime().orElseThrow().unit().toLowerCase(Locale.ROOT);
    }
}
