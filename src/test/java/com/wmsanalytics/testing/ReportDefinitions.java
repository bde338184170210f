package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Compares each incremental report on the replica with its full definition, in a given time
 * zone: the rows in the table but not in {@code <report>_rows('{}', '-infinity')}, plus the
 * reverse, counted with EXCEPT ALL.
 */
public final class ReportDefinitions {

    /**
     * SQL over a row {@code r} of {@code analytics_control.incremental_report}: the query of its
     * whole definition, whatever its kind ({@code by-time}, {@code by-key} or {@code table}).
     */
    public static final String WHOLE_DEFINITION = "'SELECT * FROM ' || r.definition::regproc::text || CASE"
            + " WHEN r.bucket_unit = 'all' THEN '()' WHEN r.key_type IS NOT NULL THEN '(NULL::' || r.key_type"
            + " || '[], true)' ELSE '(ARRAY[]::date[], ''-infinity''::date)' END";

    private ReportDefinitions() {}

    /** The incremental reports, as {@code schema.name}. */
    public static List<String> incrementalReports(DataSource replica) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = replica.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT report_schema || '.' || report_name"
                        + " FROM analytics_control.incremental_report ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** 0 when the report equals its definition. */
    public static long differences(DataSource replica, String report, String timeZone) throws SQLException {
        try (Connection c = replica.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = '" + timeZone + "'");
            String definition = definitionOf(s, report);
            try (ResultSet rs =
                    s.executeQuery("SELECT (SELECT count(*) FROM (TABLE " + report + " EXCEPT ALL " + definition
                            + ") a) + (SELECT count(*) FROM (" + definition + " EXCEPT ALL TABLE " + report + ") b)")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * 0 when a materialized view equals the query an earlier migration created it with: its
     * definition before the project changed how it is computed. The query is read from that
     * migration file, between {@code CREATE MATERIALIZED VIEW <view> AS} and {@code WITH NO DATA}.
     */
    public static long viewDifferences(DataSource replica, String view, String migration, String timeZone)
            throws SQLException {
        String original = originalQuery(migration, view);
        try (Connection c = replica.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = '" + timeZone + "'");
            try (ResultSet rs =
                    s.executeQuery("SELECT (SELECT count(*) FROM (TABLE " + view + " EXCEPT ALL (" + original
                            + ")) a) + (SELECT count(*) FROM ((" + original + ") EXCEPT ALL TABLE " + view + ") b)")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The query of a materialized view as the replica migration {@code migration} created it,
     * between {@code CREATE MATERIALIZED VIEW <view> AS} and {@code WITH NO DATA}.
     */
    public static String originalQuery(String migration, String view) {
        try {
            String sql = Files.readString(Path.of("migrations", "replica", migration));
            int start = sql.indexOf("CREATE MATERIALIZED VIEW " + view + " AS");
            if (start < 0) {
                throw new IllegalArgumentException(migration + " creates no materialized view " + view);
            }
            return sql.substring(sql.indexOf('\n', start) + 1, sql.indexOf("WITH NO DATA;", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String definitionOf(Statement s, String report) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT " + WHOLE_DEFINITION
                + " FROM analytics_control.incremental_report r WHERE r.report_schema || '.' || r.report_name = '"
                + report + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
