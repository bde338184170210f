package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The swept part of the change capture on the replica's {@code wms} mirror: columns whose
 * default records the writing transaction ({@code pg_current_xact_id()}) and the indexes on
 * them. Read once; disabled by dropping the defaults and the indexes, so that a bulk applied
 * without capture pays for neither; restored from the definitions read, and checked.
 */
final class CaptureColumns {

    /** A capture column, its default, and the definitions of the indexes that read it. */
    record Column(
            String table, String column, String defaultExpression, List<String> indexes, List<String> indexNames) {}

    private final Connection replica;
    private final List<Column> saved;

    CaptureColumns(Connection replica) throws SQLException {
        this.replica = replica;
        replica.setAutoCommit(true);
        this.saved = read();
        if (saved.isEmpty() || saved.stream().anyMatch(c -> c.indexes().isEmpty())) {
            throw new IllegalStateException("expected indexed capture columns on the mirror, found " + saved);
        }
    }

    void disable() throws SQLException {
        for (Column c : saved) {
            execute("ALTER TABLE wms." + quote(c.table()) + " ALTER COLUMN " + quote(c.column()) + " DROP DEFAULT");
            for (String index : c.indexNames()) {
                execute("DROP INDEX IF EXISTS wms." + quote(index));
            }
        }
    }

    /** Puts every default and index back as read, and checks that it is so. */
    void restore() throws SQLException {
        List<Column> now = read();
        for (Column c : saved) {
            if (now.contains(c)) {
                continue;
            }
            execute("ALTER TABLE wms." + quote(c.table()) + " ALTER COLUMN " + quote(c.column()) + " SET DEFAULT "
                    + c.defaultExpression());
            for (int i = 0; i < c.indexes().size(); i++) {
                execute("DROP INDEX IF EXISTS wms." + quote(c.indexNames().get(i)));
                execute(c.indexes().get(i));
            }
        }
        if (!read().equals(saved)) {
            throw new IllegalStateException("the capture columns were not restored: " + read());
        }
    }

    private List<Column> read() throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = replica.createStatement();
                ResultSet rs = statement.executeQuery("SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid),"
                        + " coalesce(array_agg(pg_get_indexdef(i.indexrelid) ORDER BY ic.relname) FILTER (WHERE i.indexrelid IS NOT NULL), '{}'),"
                        + " coalesce(array_agg(ic.relname::text ORDER BY ic.relname) FILTER (WHERE i.indexrelid IS NOT NULL), '{}')"
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND a.attnum = ANY (i.indkey)"
                        + " LEFT JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " WHERE n.nspname = 'wms' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_expr(d.adbin, d.adrelid) LIKE '%pg_current_xact_id()%'"
                        + " GROUP BY c.relname, a.attname, d.adbin, d.adrelid ORDER BY 1, 2")) {
            while (rs.next()) {
                columns.add(new Column(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()),
                        List.of((String[]) rs.getArray(5).getArray())));
            }
        }
        return List.copyOf(columns);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = replica.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
