package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.db.ErrorMessages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.util.PSQLException;

/**
 * Creates and drops one report on a connection, inside the caller's transaction. The query of
 * a file reaches the server only as the body of its own {@code CREATE MATERIALIZED VIEW}
 * statement, after the driver's own parser has found exactly one statement in it; names are
 * checked identifiers, always quoted.
 */
final class ReportDdl {

    /** The refresher owns each report (only an owner may refresh a materialized view); BI reads it. */
    static final String REFRESHER = "wms_analytics_user";

    static final String BI_READER = "wms_bi_reader";

    /** The server refused a report's query: its SQLSTATE, message and where in the query. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sqlState;
        final Optional<Integer> offset;

        Rejected(String sqlState, String message, Optional<Integer> offset, Throwable cause) {
            super(message, cause);
            this.sqlState = sqlState;
            this.offset = offset;
        }
    }

    private final Connection connection;
    private final DSLContext db;

    ReportDdl(Connection connection) {
        this.connection = connection;
        this.db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    /**
     * Creates the report, populated or not, with its unique index, owner, grants and comment.
     *
     * @throws Rejected when the server refuses its query
     * @throws ReportFileException when the file holds more than one statement, or its unique key
     *     is not among the query's columns
     */
    void create(ReportFile file, boolean withData) {
        requireOneStatement(file);
        db.execute(query("CREATE SCHEMA IF NOT EXISTS {0}", name(file.schema())));
        db.execute(
                query("GRANT USAGE ON SCHEMA {0} TO {1}, {2}", name(file.schema()), name(REFRESHER), name(BI_READER)));
        if (file.kind() == ReportFile.Kind.FULL) {
            createView(file, withData);
        } else {
            new TableReportSetup(db, this).create(file, withData);
        }
        String kind = file.kind() == ReportFile.Kind.FULL ? "MATERIALIZED VIEW" : "TABLE";
        file.description()
                .ifPresent(d -> db.execute(query("COMMENT ON " + kind + " {0} IS {1}", relation(file), inline(d))));
    }

    private void createView(ReportFile file, boolean withData) {
        String prefix = "CREATE MATERIALIZED VIEW " + relation(file).toString() + " AS\n";
        runQueryStatement(prefix, file, "\n" + (withData ? "WITH DATA" : "WITH NO DATA"));
        if (!file.uniqueKey().isEmpty()) {
            uniqueIndex(file);
        }
        db.execute(query("ALTER MATERIALIZED VIEW {0} OWNER TO {1}", relation(file), name(REFRESHER)));
        db.execute(query("GRANT SELECT ON {0} TO {1}", relation(file), name(BI_READER)));
    }

    /**
     * Runs a statement that holds the file's query between {@code prefix} and {@code suffix};
     * an error is located in the file.
     */
    void runWithQuery(String prefix, ReportFile file, String suffix) {
        try {
            runQueryStatement(prefix, file, suffix);
        } catch (Rejected r) {
            throw file.fault(file.lineAt(r.offset.orElse(0)), r.getMessage());
        }
    }

    /** Drops a report, with its capture for a by-time one; fails when an object that is not dropped with it reads it. */
    void drop(String schema, String name) {
        String kind = db.fetchOptional(
                        "SELECT c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ? AND c.relname = ?",
                        schema,
                        name)
                .map(r -> r.get("relkind", String.class))
                .orElse("");
        if (kind.equals("m")) {
            db.execute(query("DROP MATERIALIZED VIEW {0}", name(schema, name)));
        } else if (kind.equals("r")) {
            new MirrorDdl(db).drop(schema, name);
        }
    }

    static Name relation(ReportFile file) {
        return name(file.schema(), file.name());
    }

    private void uniqueIndex(ReportFile file) {
        try {
            db.execute(query(
                    "CREATE UNIQUE INDEX ON {0} ({1})",
                    relation(file),
                    DSL.list(file.uniqueKey().stream().map(DSL::name).toArray(Name[]::new))));
        } catch (DataAccessException e) {
            throw uniqueKeyFault(file, e);
        }
    }

    /** The server refused the unique key: a fault at the file's {@code unique-key} line. */
    static ReportFileException uniqueKeyFault(ReportFile file, DataAccessException e) {
        return file.fault(
                file.lineOf("unique-key"),
                "unique-key (" + String.join(", ", file.uniqueKey()) + "): " + ErrorMessages.serverMessage(e));
    }

    void runQueryStatement(String prefix, ReportFile file, String suffix) {
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(prefix + file.query() + suffix);
        } catch (PSQLException e) {
            Optional<Integer> offset = Optional.ofNullable(e.getServerErrorMessage())
                    .map(m -> m.getPosition())
                    .filter(p -> p > prefix.length())
                    .map(p -> p - 1 - prefix.length());
            throw new Rejected(e.getSQLState(), ErrorMessages.serverMessage(e), offset, e);
        } catch (SQLException e) {
            throw new Rejected(e.getSQLState(), ErrorMessages.serverMessage(e), Optional.empty(), e);
        }
    }

    private static void requireOneStatement(ReportFile file) {
        List<NativeQuery> statements;
        try {
            statements = Parser.parseJdbcSql(file.query(), true, false, true, false, false);
        } catch (SQLException e) {
            throw file.fault(file.queryLine(), "the query cannot be read: " + ErrorMessages.serverMessage(e));
        }
        List<String> nonEmpty = statements.stream()
                .map(q -> q.nativeSql.strip())
                .filter(q -> !q.isEmpty())
                .toList();
        if (nonEmpty.size() > 1) {
            int second = file.query().indexOf(nonEmpty.get(1), file.query().indexOf(nonEmpty.get(0)) + 1);
            throw file.fault(
                    file.lineAt(Math.max(second, 0)),
                    "a report file holds one query, and a second statement starts here");
        }
    }
}
