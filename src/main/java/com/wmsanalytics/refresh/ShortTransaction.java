package com.wmsanalytics.refresh;

import com.wmsanalytics.config.RefreshSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A short transaction of the refresh's own, before the one that recomputes a report, with the
 * refresh's statement and lock timeouts: committed when the work returns, rolled back when it
 * throws. The connection must be in auto-commit mode, and is again afterwards.
 */
final class ShortTransaction {

    private ShortTransaction() {}

    static <T> T run(Connection connection, RefreshSettings settings, Function<DSLContext, T> work)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            DSLContext tx = DSL.using(connection, SQLDialect.POSTGRES);
            tx.fetch(
                    "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)",
                    settings.statementTimeout().toMillis() + "ms",
                    settings.lockTimeout().toMillis() + "ms");
            T result = work.apply(tx);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
