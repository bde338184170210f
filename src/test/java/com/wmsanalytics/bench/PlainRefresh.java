package com.wmsanalytics.bench;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.table;

import com.wmsanalytics.refresh.Report;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Refreshes a view without CONCURRENTLY, doing the same work per view as the tool: one
 * transaction with the REFRESH, a count of its rows and ANALYZE. The view stays ACCESS
 * EXCLUSIVE locked until the commit. Names come from the catalog and are quoted.
 */
final class PlainRefresh {

    private final Connection connection;

    PlainRefresh(Connection connection) {
        this.connection = connection;
    }

    Duration refresh(Report view) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            refreshCountAnalyze(DSL.using(connection, SQLDialect.POSTGRES), name(view.schema(), view.name()));
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void refreshCountAnalyze(DSLContext tx, Name view) {
        tx.execute(query("REFRESH MATERIALIZED VIEW {0}", view));
        tx.fetchCount(table(view));
        tx.execute(query("ANALYZE {0}", view));
    }
}
