package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each incrementally maintained report holds exactly the rows of its old-style copy
 * just refreshed in full: rows in one and not the other, counted both ways with EXCEPT ALL.
 */
final class SameRows {

    /** A report whose rows differ from its copy's. */
    record Difference(String report, long onlyInReport, long onlyInCopy) {}

    private final Connection connection;

    SameRows(Connection connection) {
        this.connection = connection;
    }

    /** The reports that differ; empty when all four match. */
    List<Difference> compare() throws SQLException {
        List<Difference> differences = new ArrayList<>();
        for (CronViews.Copy c : CronViews.COPIES) {
            long onlyInReport = count(c.report(), c.copy());
            long onlyInCopy = count(c.copy(), c.report());
            if (onlyInReport != 0 || onlyInCopy != 0) {
                differences.add(new Difference(c.report(), onlyInReport, onlyInCopy));
            }
        }
        return differences;
    }

    private long count(String a, String b) throws SQLException {
        String sql = "SELECT count(*) FROM (TABLE " + a + " EXCEPT ALL TABLE " + b + ") x";
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
