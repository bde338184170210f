package com.wmsanalytics.generate;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Streams a {@link CopyBuffer} into a table with COPY ... FROM STDIN. */
final class Copier {

    private final CopyManager copyManager;

    Copier(Connection connection) {
        try {
            this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            throw Sql.failure("open the COPY API", e);
        }
    }

    /** Copies the rows into the table and returns how many the server stored. */
    long copy(WmsTable table, CopyBuffer rows) {
        if (rows.rows() == 0) {
            return 0;
        }
        try {
            return copyIn(table.copySql(), rows);
        } catch (SQLException e) {
            throw Sql.failure("copy rows into wms." + table.tableName(), e);
        }
    }

    private long copyIn(String sql, CopyBuffer rows) throws SQLException {
        CopyIn copy = copyManager.copyIn(sql);
        try {
            copy.writeToCopy(rows.bytes(), 0, rows.length());
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
