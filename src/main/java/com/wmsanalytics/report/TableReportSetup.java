package com.wmsanalytics.report;

import com.wmsanalytics.db.SqlColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Creates a table-backed report ({@code by-time} or {@code by-key}) and checks its declaration
 * against what PostgreSQL made of it: the bucket column is a date of the table, or the key column
 * one of its columns; each source's columns exist, a time column is a timestamptz; the query
 * reads every source, and it reads no materialized view or plain view (whose changes cannot be
 * captured).
 */
final class TableReportSetup {

    private static final SqlColumn<String> BODY = SqlColumn.of("body", String.class);
    private static final SqlColumn<Boolean> MISSING = SqlColumn.of("missing", Boolean.class);
    private static final SqlColumn<String> NSPNAME = SqlColumn.of("nspname", String.class);
    private static final SqlColumn<String> RELNAME = SqlColumn.of("relname", String.class);
    private static final SqlColumn<String> RELKIND = SqlColumn.of("relkind", String.class);
    private static final SqlColumn<Boolean> IS_REPORT = SqlColumn.of("is_report", Boolean.class);
    private static final SqlColumn<String> COLUMN_TYPE = SqlColumn.of("column_type", String.class);

    /** What reads the clock in a query, as PostgreSQL renders it or as a file spells it. */
    private static final Pattern CLOCK = Pattern.compile(
            "(?i)\\b(current_date|current_timestamp|current_time|localtimestamp|localtime|now\\s*\\("
                    + "|clock_timestamp\\s*\\(|statement_timestamp\\s*\\(|transaction_timestamp\\s*\\(|timeofday\\s*\\()");

    private final DSLContext db;
    private final ReportDdl ddl;
    private final TimeBucketDdl generated;

    TableReportSetup(DSLContext db, ReportDdl ddl) {
        this.db = db;
        this.ddl = ddl;
        this.generated = new TimeBucketDdl(db);
    }

    void create(ReportFile file, boolean withData) {
        if (file.kind() == ReportFile.Kind.TABLE) {
            createReplaced(file, withData);
            return;
        }
        if (file.byKey().isPresent()) {
            createByKey(file, withData);
            return;
        }
        TimeBuckets t = file.byTime().orElseThrow();
        // A Rejected table statement goes to the caller, which waits for a report it reads to exist.
        ddl.runQueryStatement(TimeBucketDdl.tablePrefix(file), file, TimeBucketDdl.TABLE_SUFFIX);
        String type = columnType(ReportDdl.relation(file).toString(), t.column())
                .orElseThrow(() -> file.fault(
                        file.lineOf("bucket"),
                        "bucket column " + t.column() + " is not a column of the query's result"));
        if (!type.equals("date")) {
            throw file.fault(file.lineOf("bucket"), "bucket column " + t.column() + " is " + type + ", not a date");
        }
        ddl.runWithQuery(TimeBucketDdl.functionPrefix(file), file, TimeBucketDdl.functionSuffix(file));
        String arguments = "(date[], date)";
        refuseClock(file, MirrorDdl.rowsFunction(file) + arguments);
        try {
            generated.finishTable(file);
        } catch (DataAccessException e) {
            throw ReportDdl.uniqueKeyFault(file, e);
        }
        t.sources().forEach(s -> checkSource(file, s, true));
        List<Source.Table> others = otherTables(file, t.sources(), arguments);
        if (t.sources().isEmpty() && !readsReportKeptByTime(file, arguments)) {
            throw file.fault(
                    file.lineOf("bucket"),
                    "a by-time report needs a '-- source: schema.table.time_column', or must read a report kept by"
                            + " time, whose changed buckets it follows");
        }
        if (withData) {
            generated.indexes(file);
        }
        generated.capture(file, others);
        if (withData) {
            generated.populate(file);
        }
    }

    private void createReplaced(ReportFile file, boolean withData) {
        ReplacedDdl replaced = new ReplacedDdl(db);
        ddl.runQueryStatement(ReportTables.tablePrefix(file), file, ReportTables.TABLE_SUFFIX);
        ddl.runWithQuery(ReplacedDdl.functionPrefix(file), file, ReplacedDdl.FUNCTION_SUFFIX);
        try {
            replaced.finishTable(file);
        } catch (DataAccessException e) {
            throw ReportDdl.uniqueKeyFault(file, e);
        }
        if (withData) {
            replaced.populate(file);
        }
    }

    private void createByKey(ReportFile file, boolean withData) {
        KeyedBy k = file.byKey().orElseThrow();
        KeyDdl generatedKeys = new KeyDdl(db);
        ddl.runQueryStatement(ReportTables.tablePrefix(file), file, ReportTables.TABLE_SUFFIX);
        String type = columnType(ReportDdl.relation(file).toString(), k.column())
                .orElseThrow(() -> file.fault(
                        file.lineOf("key"), "key column " + k.column() + " is not a column of the query's result"));
        ddl.runWithQuery(KeyDdl.functionPrefix(file, type), file, KeyDdl.functionSuffix(file));
        String arguments = "(" + type + "[], boolean)";
        refuseClock(file, MirrorDdl.rowsFunction(file) + arguments);
        try {
            generatedKeys.finishTable(file, type);
        } catch (DataAccessException e) {
            throw ReportDdl.uniqueKeyFault(file, e);
        }
        k.sources().forEach(s -> checkSource(file, s, false));
        k.sources().forEach(s -> checkReportSource(file, s));
        List<Source.Table> others = otherTables(file, k.sources(), arguments);
        if (withData) {
            generatedKeys.indexes(file);
        }
        generatedKeys.capture(file, others);
        if (withData) {
            generatedKeys.populate(file);
        }
    }

    /**
     * A report kept by time or by key keeps the rows of the buckets or keys that did not change:
     * a value that moves with the clock (the days since a date, say) would go stale in them, and
     * the report would no longer equal its definition. PostgreSQL's own rendering of the rows
     * function is searched, so a comment or the file's spelling cannot hide the clock.
     */
    private void refuseClock(ReportFile file, String rowsFunction) {
        String body = BODY.from(db.fetchOne("SELECT pg_get_functiondef(?::regprocedure) AS body", rowsFunction));
        Matcher found = CLOCK.matcher(body);
        if (!found.find()) {
            return;
        }
        Matcher inFile = CLOCK.matcher(file.query());
        int line = inFile.find() ? file.lineAt(inFile.start()) : file.queryLine();
        throw file.fault(
                line,
                "a " + file.kind().word() + " report cannot read the clock ("
                        + found.group(1).replaceAll("\\s*\\($", "()").toLowerCase(Locale.ROOT)
                        + "): the rows it keeps would go stale; compute that last step in a full report that reads"
                        + " this one");
    }

    private void checkSource(ReportFile file, Source s, boolean timeColumn) {
        String table = MirrorDdl.table(s.table()).toString();
        if (MISSING.from(db.fetchOne("SELECT to_regclass(?) IS NULL AS missing", table))) {
            throw file.fault(s.line(), "source table " + s.table().qualified() + " does not exist");
        }
        if (KeyDdl.unitOf(db, s.table()).filter(ReplacedDdl.UNIT::equals).isPresent()) {
            throw file.fault(
                    s.line(),
                    "source " + s.table().qualified() + " is a report of kind table, rebuilt at every refresh;"
                            + " nothing records which of its rows changed: read it from a full or table report");
        }
        String type = columnType(table, s.column())
                .orElseThrow(
                        () -> file.fault(s.line(), "source " + s.table().qualified() + " has no column " + s.column()));
        if (timeColumn && s.parent().isEmpty() && !type.equals("timestamp with time zone")) {
            throw file.fault(
                    s.line(),
                    "source column " + s.table().qualified() + "." + s.column() + " is " + type
                            + ", not a timestamptz");
        }
        s.parent()
                .filter(p -> columnType(MirrorDdl.table(p.table()).toString(), p.keyColumn())
                        .isEmpty())
                .ifPresent(p -> {
                    throw file.fault(s.line(), "parent " + p.table().qualified() + " has no column " + p.keyColumn());
                });
    }

    /**
     * A source of a report kept by key may be a report kept by time, whose refresh passes on the
     * keys of the rows it changed; not a report kept by key, and not as a child or a parent, whose
     * rows no capture follows.
     */
    private void checkReportSource(ReportFile file, Source s) {
        KeyDdl.unitOf(db, s.table()).filter(unit -> unit.equals("key")).ifPresent(unit -> {
            throw file.fault(
                    s.line(),
                    "source " + s.table().qualified() + " is a report kept by key; a report kept by key can follow"
                            + " a report kept by time, not one kept by key");
        });
        boolean child = s.parent().isPresent()
                && (KeyDdl.unitOf(db, s.table()).isPresent()
                        || KeyDdl.unitOf(db, s.parent().get().table()).isPresent());
        if (child) {
            throw file.fault(
                    s.line(),
                    "a report's rows cannot be a child source or its parent; name its key column as a source of"
                            + " its own: '-- source: schema.report.key_column'");
        }
    }

    /**
     * The tables the query reads besides its sources and other incremental reports: a change to
     * one rebuilds the report. A declared source the query does not read is a fault.
     */
    private List<Source.Table> otherTables(ReportFile file, List<Source> sources, String rowsArguments) {
        List<Record> read = db.fetch(
                "SELECT DISTINCT n.nspname, c.relname, c.relkind::text AS relkind,"
                        + " EXISTS (SELECT FROM analytics_control.incremental_report r WHERE r.report_schema = n.nspname"
                        + "   AND r.report_name = c.relname) AS is_report"
                        + " FROM pg_depend d JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE d.classid = 'pg_proc'::regclass AND d.objid = ?::regprocedure"
                        + " AND d.refclassid = 'pg_class'::regclass AND c.relkind IN ('r', 'p', 'm', 'v', 'f')"
                        + " AND n.nspname <> 'analytics_control' AND NOT (n.nspname = ? AND c.relname = ?)"
                        + " ORDER BY 1, 2",
                MirrorDdl.rowsFunction(file) + rowsArguments,
                file.schema(),
                file.name());
        List<Source.Table> others = new ArrayList<>();
        for (Record r : read) {
            Source.Table table = new Source.Table(NSPNAME.from(r), RELNAME.from(r));
            String kind = RELKIND.from(r);
            if (kind.equals("m") || kind.equals("v")) {
                throw file.fault(
                        file.queryLine(),
                        "a " + file.kind().word() + " report cannot read "
                                + (kind.equals("m") ? "materialized view " : "view ") + table.qualified()
                                + ": its changes cannot be captured; read its tables instead");
            }
            boolean declared = sources.stream().anyMatch(s -> s.table().equals(table));
            if (!declared && !IS_REPORT.from(r)) {
                others.add(table);
            }
        }
        sources.stream()
                .filter(s -> read.stream()
                        .noneMatch(r -> NSPNAME.from(r).equals(s.table().schema())
                                && RELNAME.from(r).equals(s.table().name())))
                .findFirst()
                .ifPresent(s -> {
                    throw file.fault(
                            s.line(),
                            "the query does not read source " + s.table().qualified());
                });
        return others;
    }

    /** Whether the report reads another report kept by time: that one passes its rewritten buckets on to it. */
    private boolean readsReportKeptByTime(ReportFile file, String arguments) {
        return db.fetchExists(db.selectOne()
                .from("pg_depend d")
                .join("pg_class c")
                .on("c.oid = d.refobjid")
                .join("pg_namespace n")
                .on("n.oid = c.relnamespace")
                .join("analytics_control.incremental_report r")
                .on("r.report_schema = n.nspname AND r.report_name = c.relname")
                .where(
                        "d.classid = 'pg_proc'::regclass AND d.objid = ?::regprocedure"
                                + " AND d.refclassid = 'pg_class'::regclass AND r.bucket_unit IN ('day', 'week', 'month')"
                                + " AND NOT (r.report_schema = ? AND r.report_name = ?)",
                        MirrorDdl.rowsFunction(file) + arguments,
                        file.schema(),
                        file.name()));
    }

    private Optional<String> columnType(String relation, String column) {
        return db.fetchOptional(
                        "SELECT format_type(a.atttypid, a.atttypmod) AS column_type FROM pg_attribute a"
                                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped",
                        relation,
                        column)
                .map(COLUMN_TYPE::from);
    }
}
