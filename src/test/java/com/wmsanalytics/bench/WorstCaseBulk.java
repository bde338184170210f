package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The capture's worst cases, on order lines (they carry no time, so no WHEN clause can spare
 * a trigger call), in one primary transaction: {@value #LINES_PER_ORDER} lines for each of the
 * most recent orders, or of the oldest. Inserted lines, numbered after the order's existing
 * lines, call nothing: they cost the capture column's default and index, and the sweep reads
 * them later. Changed lines (the first {@value #LINES_PER_ORDER} of each of the same orders)
 * call the capture function: a line of a recent order costs the call and the order's lookup,
 * a line of an order older than the open window also records its dirty bucket.
 */
final class WorstCaseBulk {

    static final int LINES_PER_ORDER = 10;

    /** Which orders get the lines. */
    enum Orders {
        RECENT("DESC", "the most recent orders"),
        OLDEST("ASC", "the oldest orders");

        private final String direction;
        private final String text;

        Orders(String direction, String text) {
            this.direction = direction;
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private static final String INSERT =
            "INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price)"
                    + " SELECT o.order_id, (o.last_line + g)::smallint, p.product_id, 1, 1.00"
                    + " FROM (SELECT r.order_id, coalesce((SELECT max(l.line_no) FROM wms.order_lines l WHERE l.order_id = r.order_id), 0)"
                    + " AS last_line FROM (SELECT order_id FROM wms.orders ORDER BY order_id %s LIMIT ?) r) o"
                    + " CROSS JOIN generate_series(1, " + LINES_PER_ORDER + ") g"
                    + " CROSS JOIN (SELECT min(product_id) AS product_id FROM wms.products) p";

    /** What happens to the lines. */
    enum Change {
        INSERTED("new lines"),
        UPDATED("changed lines");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** The orders' first {@value #LINES_PER_ORDER} lines (the inserted bulks gave every one of them that many). */
    private static final String UPDATE = "UPDATE wms.order_lines l SET quantity = l.quantity + 1"
            + " WHERE l.order_id IN (SELECT order_id FROM wms.orders ORDER BY order_id %s LIMIT ?) AND l.line_no <= "
            + LINES_PER_ORDER;

    private final Connection primary;
    private final int orders;
    private final Orders which;
    private final Change change;

    WorstCaseBulk(Connection primary, int lines, Orders which, Change change) {
        this.primary = primary;
        this.orders = lines / LINES_PER_ORDER;
        this.which = which;
        this.change = change;
    }

    /** How many of the orders are older than the open window (3 days): their lines also record a dirty bucket. */
    long ordersOutsideOpenWindow() throws SQLException {
        try (PreparedStatement statement = primary.prepareStatement(
                "SELECT count(*) FROM (SELECT created_at FROM wms.orders" + " ORDER BY order_id " + which.direction
                        + " LIMIT ?) r WHERE created_at < now() - interval '3 days'")) {
            statement.setInt(1, orders);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Writes the lines and commits; returns the rows written. */
    long commit() throws SQLException {
        primary.setAutoCommit(false);
        String sql = change == Change.INSERTED ? INSERT : UPDATE;
        try (PreparedStatement statement = primary.prepareStatement(String.format(sql, which.direction))) {
            statement.setInt(1, orders);
            long inserted = statement.executeUpdate();
            primary.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            primary.rollback();
            throw e;
        } finally {
            primary.setAutoCommit(true);
        }
    }
}
