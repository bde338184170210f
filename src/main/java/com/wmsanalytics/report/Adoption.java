package com.wmsanalytics.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Whether a built-in report that an earlier version made with a versioned migration already
 * stands as its file defines it. Such a report is adopted as it is, keeping its rows and
 * their data as of; one that differs is rebuilt from its file. PostgreSQL decides: the file's
 * query is created as a temporary view, and its stored definition compared with the report's.
 */
final class Adoption {

    private static final String PROBE = "wms_analytics_adoption_probe";

    private final Connection connection;
    private final DSLContext db;

    Adoption(Connection connection) {
        this.connection = connection;
        this.db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    /**
     * Whether the report exists as a materialized view of the same definition, owned by the
     * refresher (which alone may refresh it) and with the unique index its unique key makes (which
     * a refresh CONCURRENTLY needs); changes nothing.
     */
    boolean standsAsDefined(ReportFile file) {
        if (file.kind() != ReportFile.Kind.FULL || !isMaterializedView(file) || !ownedAndKeyed(file)) {
            return false;
        }
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                new ReportDdl(connection).runQueryStatement("CREATE TEMPORARY VIEW " + PROBE + " AS\n", file, "");
                return db.fetchOne(
                                "SELECT pg_get_viewdef(to_regclass('pg_temp." + PROBE + "'))"
                                        + " = pg_get_viewdef(to_regclass(quote_ident(?) || '.' || quote_ident(?))) AS same",
                                file.schema(),
                                file.name())
                        .get("same", Boolean.class);
            } catch (ReportDdl.Rejected r) {
                return false;
            } finally {
                connection.rollback(savepoint);
            }
        } catch (SQLException e) {
            throw new DataAccessException("comparing " + file.qualified() + " with its file", e);
        }
    }

    private boolean ownedAndKeyed(ReportFile file) {
        return db.fetchOne(
                        "SELECT pg_get_userbyid(c.relowner) = ? AND (cardinality(?::text[]) = 0 OR EXISTS ("
                                + " SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid"
                                + " AND i.indpred IS NULL AND i.indexprs IS NULL"
                                + " AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a"
                                + "      WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[]))"
                                + "   = (SELECT array_agg(k ORDER BY k) FROM unnest(?::text[]) AS k))) AS adoptable"
                                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ? AND c.relname = ?",
                        ReportDdl.REFRESHER,
                        file.uniqueKey().toArray(String[]::new),
                        file.uniqueKey().toArray(String[]::new),
                        file.schema(),
                        file.name())
                .get("adoptable", Boolean.class);
    }

    private boolean isMaterializedView(ReportFile file) {
        return db.fetchExists(db.selectOne()
                .from("pg_class c")
                .join("pg_namespace n")
                .on("n.oid = c.relnamespace")
                .where("n.nspname = ? AND c.relname = ? AND c.relkind = 'm'", file.schema(), file.name()));
    }
}
