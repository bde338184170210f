package com.wmsanalytics.refresh;

import com.wmsanalytics.db.SqlColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads the replica's reports: its materialized views and the tables it maintains
 * incrementally, with their refresh mode, group and dependencies.
 */
public final class ReportCatalog {

    private static final String VIEWS =
            "SELECT c.oid::bigint AS oid, n.nspname AS schema_name, c.relname AS report_name, c.relispopulated AS populated,"
                    + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid"
                    + "   AND i.indpred IS NULL AND i.indexprs IS NULL) AS unique_index"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind = 'm' ORDER BY 2, 3";

    /** Materialized view → materialized view edges, followed through plain views (as pg_dump does). */
    private static final String DEPENDENCIES = "WITH RECURSIVE edges AS ("
            + "  SELECT DISTINCT r.ev_class AS dependent, d.refobjid AS dependency FROM pg_depend d"
            + "  JOIN pg_rewrite r ON r.oid = d.objid"
            + "  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
            + "    AND d.refobjid <> r.ev_class),"
            + " reach AS ("
            + "  SELECT e.dependent AS mv, e.dependency FROM edges e"
            + "  JOIN pg_class c ON c.oid = e.dependent AND c.relkind = 'm'"
            + "  UNION"
            + "  SELECT r.mv, e.dependency FROM reach r"
            + "  JOIN pg_class v ON v.oid = r.dependency AND v.relkind = 'v'"
            + "  JOIN edges e ON e.dependent = r.dependency)"
            + " SELECT r.mv::bigint AS oid, r.dependency::bigint AS dependency, mn.nspname || '.' || m.relname AS dependency_name"
            + " FROM reach r"
            + " JOIN pg_class m ON m.oid = r.dependency AND m.relkind IN ('m', 'r', 'p', 'f')"
            + " JOIN pg_namespace mn ON mn.oid = m.relnamespace";

    /**
     * The table-backed incremental reports, with their definition functions, and whether the
     * refresh first sweeps new rows of one of their sources (their generated sweeps).
     */
    private static final String INCREMENTAL =
            "SELECT c.oid::bigint AS oid, r.report_schema AS schema_name, r.report_name,"
                    + " r.bucket_column, r.bucket_unit, pn.nspname AS function_schema, p.proname AS function_name, r.captured,"
                    + " EXISTS (SELECT FROM analytics_control.report_sweep s WHERE s.report_schema = r.report_schema"
                    + "   AND s.report_name = r.report_name) AS swept"
                    + " FROM analytics_control.incremental_report r"
                    + " JOIN pg_namespace n ON n.nspname = r.report_schema"
                    + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = r.report_name AND c.relkind IN ('r', 'p')"
                    + " JOIN pg_proc p ON p.oid = r.definition JOIN pg_namespace pn ON pn.oid = p.pronamespace"
                    + " ORDER BY 2, 3";

    /** Incremental report → the relations its definition reads (PostgreSQL records them for SQL-standard bodies). */
    private static final String INCREMENTAL_DEPENDENCIES =
            "SELECT DISTINCT c.oid::bigint AS oid, d.refobjid::bigint AS dependency,"
                    + " mn.nspname || '.' || m.relname AS dependency_name"
                    + " FROM analytics_control.incremental_report r"
                    + " JOIN pg_namespace n ON n.nspname = r.report_schema"
                    + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = r.report_name"
                    + " JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = r.definition"
                    + "   AND d.refclassid = 'pg_class'::regclass"
                    + " JOIN pg_class m ON m.oid = d.refobjid AND m.relkind IN ('m', 'r', 'p', 'f')"
                    + " JOIN pg_namespace mn ON mn.oid = m.relnamespace";

    private static final String REASONS =
            "SELECT view_schema || '.' || view_name AS qualified, reason FROM analytics_control.refresh_mode_reason";

    private static final String CONTROL_SCHEMA = "analytics_control";

    private static final SqlColumn<Long> OID = SqlColumn.of("oid", Long.class);
    private static final SqlColumn<String> SCHEMA = SqlColumn.of("schema_name", String.class);
    private static final SqlColumn<String> NAME = SqlColumn.of("report_name", String.class);
    private static final SqlColumn<Boolean> POPULATED = SqlColumn.of("populated", Boolean.class);
    private static final SqlColumn<Boolean> UNIQUE_INDEX = SqlColumn.of("unique_index", Boolean.class);
    private static final SqlColumn<Long> DEPENDENCY = SqlColumn.of("dependency", Long.class);
    private static final SqlColumn<String> DEPENDENCY_NAME = SqlColumn.of("dependency_name", String.class);
    private static final SqlColumn<String> BUCKET_COLUMN = SqlColumn.of("bucket_column", String.class);
    private static final SqlColumn<String> BUCKET_UNIT = SqlColumn.of("bucket_unit", String.class);
    private static final SqlColumn<String> FUNCTION_SCHEMA = SqlColumn.of("function_schema", String.class);
    private static final SqlColumn<String> FUNCTION_NAME = SqlColumn.of("function_name", String.class);
    private static final SqlColumn<Boolean> CAPTURED = SqlColumn.of("captured", Boolean.class);
    private static final SqlColumn<Boolean> SWEPT = SqlColumn.of("swept", Boolean.class);
    private static final SqlColumn<String> QUALIFIED = SqlColumn.of("qualified", String.class);
    private static final SqlColumn<String> REASON = SqlColumn.of("reason", String.class);
    private static final SqlColumn<String> KIND = SqlColumn.of("kind", String.class);

    private final DSLContext db;
    private final RefreshGroups groups;

    public ReportCatalog(DSLContext db) {
        this.db = db;
        this.groups = new RefreshGroups(db);
    }

    /** Every report, materialized view or incremental table, ordered by schema and name. */
    public List<Report> all() {
        Map<Long, String> names = new HashMap<>();
        List<Record> views = db.fetch(VIEWS);
        List<Record> tables = db.fetch(INCREMENTAL);
        views.forEach(r -> names.put(OID.from(r), qualified(r)));
        tables.forEach(r -> names.put(OID.from(r), qualified(r)));
        Map<Long, Set<String>> deps = new HashMap<>();
        Map<Long, Set<String>> sources = new HashMap<>();
        db.fetch(DEPENDENCIES).forEach(r -> addDependency(deps, sources, names, r));
        db.fetch(INCREMENTAL_DEPENDENCIES).forEach(r -> addDependency(deps, sources, names, r));
        Map<String, List<String>> groupOf = groups.byView();
        Map<String, String> reasons = new HashMap<>();
        db.fetch(REASONS).forEach(r -> reasons.put(QUALIFIED.from(r), REASON.from(r)));
        List<Report> all = new ArrayList<>();
        views.forEach(r -> all.add(view(r, groupOf, deps, sources, reasons)));
        tables.forEach(r -> all.add(table(r, groupOf, deps, sources)));
        all.sort(Comparator.comparing(Report::qualified));
        return all;
    }

    /** A report read by the report goes to its dependencies; any other table, but the control schema's, to its sources. */
    private static void addDependency(
            Map<Long, Set<String>> deps, Map<Long, Set<String>> sources, Map<Long, String> names, Record r) {
        if (OID.from(r).equals(DEPENDENCY.from(r))) {
            return;
        }
        String dependency = names.get(DEPENDENCY.from(r));
        if (dependency != null) {
            deps.computeIfAbsent(OID.from(r), k -> new HashSet<>()).add(dependency);
        } else if (!DEPENDENCY_NAME.from(r).startsWith(CONTROL_SCHEMA + ".")) {
            sources.computeIfAbsent(OID.from(r), k -> new HashSet<>()).add(DEPENDENCY_NAME.from(r));
        }
    }

    private static Report view(
            Record r,
            Map<String, List<String>> groupOf,
            Map<Long, Set<String>> deps,
            Map<Long, Set<String>> sources,
            Map<String, String> reasons) {
        long oid = OID.from(r);
        String qualified = qualified(r);
        return new Report(
                oid,
                SCHEMA.from(r),
                NAME.from(r),
                POPULATED.from(r),
                UNIQUE_INDEX.from(r),
                groupOf.getOrDefault(qualified, List.of()),
                deps.getOrDefault(oid, Set.of()),
                sources.getOrDefault(oid, Set.of()),
                Optional.empty(),
                Optional.ofNullable(reasons.get(qualified)));
    }

    private static Report table(
            Record r, Map<String, List<String>> groupOf, Map<Long, Set<String>> deps, Map<Long, Set<String>> sources) {
        long oid = OID.from(r);
        String qualified = qualified(r);
        Incremental incremental = new Incremental(
                BUCKET_COLUMN.from(r),
                BUCKET_UNIT.from(r),
                new Incremental.FunctionName(FUNCTION_SCHEMA.from(r), FUNCTION_NAME.from(r)),
                CAPTURED.from(r),
                SWEPT.from(r));
        return new Report(
                oid,
                SCHEMA.from(r),
                NAME.from(r),
                true,
                true,
                groupOf.getOrDefault(qualified, List.of()),
                deps.getOrDefault(oid, Set.of()),
                sources.getOrDefault(oid, Set.of()),
                Optional.of(incremental),
                Optional.empty());
    }

    /** What a relation of that name is, when it is not a materialized view: "a table", "a view". */
    Optional<String> kindOf(String schema, String name) {
        return db.fetchOptional(
                        "SELECT CASE c.relkind WHEN 'r' THEN 'a table' WHEN 'v' THEN 'a view'"
                                + " WHEN 'p' THEN 'a partitioned table' WHEN 'f' THEN 'a foreign table' WHEN 'S' THEN 'a sequence'"
                                + " WHEN 'i' THEN 'an index' ELSE 'not a materialized view' END AS kind"
                                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                        schema,
                        name)
                .map(r -> KIND.from(r));
    }

    private static String qualified(Record r) {
        return SCHEMA.from(r) + "." + NAME.from(r);
    }
}
