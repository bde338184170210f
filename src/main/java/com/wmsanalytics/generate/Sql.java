package com.wmsanalytics.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers that turn {@link SQLException} into {@link DataGenerationException}. */
final class Sql {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {}

    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw failure("run " + sql, e);
        }
    }

    static <T> T one(Connection connection, String sql, RowMapper<T> mapper) {
        return list(connection, sql, mapper).get(0);
    }

    static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure("run " + sql, e);
        }
    }

    static DataGenerationException failure(String action, SQLException e) {
        return new DataGenerationException(
                "cannot " + action + " (SQLSTATE " + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
