package com.wmsanalytics.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes a seeded random mix of WMS changes on the primary, a few transactions a round, each
 * spanning several tables: new orders (recent, late for days long closed, and future), orders
 * moved between days, cancelled, shipped and deleted, lines added, changed and removed,
 * stock movements and shipments inserted, moved and deleted. A special round also moves a
 * location to another warehouse and truncates the shipments.
 */
final class RandomChanges {

    private static final long DAY = 86_400;

    private final DataSource primary;
    private final SplittableRandom random;
    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private long nextOrder;
    private long nextMovement;
    private long nextShipment;

    RandomChanges(DataSource primary, SplittableRandom random) throws SQLException {
        this.primary = primary;
        this.random = random;
        nextOrder = max("SELECT max(order_id) FROM wms.orders") + 1;
        nextMovement = max("SELECT max(movement_id) FROM wms.stock_movements") + 1;
        nextShipment = max("SELECT max(shipment_id) FROM wms.shipments") + 1;
    }

    /** A few transactions of random changes; {@code special} adds a location move and a TRUNCATE. */
    void round(boolean special) throws SQLException {
        counts.clear();
        try (Connection c = primary.getConnection()) {
            c.setAutoCommit(false);
            for (int tx = 0; tx < 3; tx++) {
                for (int op = 0, n = 4 + random.nextInt(10); op < n; op++) {
                    change(c);
                }
                c.commit();
            }
            if (special) {
                update(
                        c,
                        "UPDATE wms.locations SET code = code || '-moved', warehouse_id = (SELECT min(w.warehouse_id) FROM wms.warehouses w"
                                + " WHERE w.warehouse_id <> wms.locations.warehouse_id) WHERE location_id = (SELECT location_id"
                                + " FROM wms.stock_movements ORDER BY movement_id LIMIT 1)",
                        "location moved");
                update(c, "TRUNCATE wms.shipments", "truncate");
                c.commit();
            }
        }
    }

    String summary() {
        return counts.toString();
    }

    private void change(Connection c) throws SQLException {
        switch (random.nextInt(12)) {
            case 0, 1 -> newOrder(c, seconds(-2, 0));
            case 2 -> newOrder(c, seconds(-50, -10));
            case 3 -> newOrder(c, seconds(0, 2));
            case 4 ->
                update(
                        c,
                        "UPDATE wms.orders SET created_at = created_at + " + (random.nextInt(41) - 20)
                                + " * interval '1 day' WHERE order_id = " + anyOrder(c),
                        "order moved");
            case 5 ->
                update(
                        c,
                        "UPDATE wms.orders SET status = 'cancelled', cancelled_at = created_at + interval '1 hour'"
                                + " WHERE order_id = " + anyOrder(c),
                        "order cancelled");
            case 6 ->
                update(
                        c,
                        "UPDATE wms.orders SET status = 'shipped', shipped_at = created_at + " + random.nextInt(200)
                                + " * interval '1 hour' WHERE order_id = " + anyOrder(c),
                        "order shipped");
            case 7 -> deleteOrder(c, anyOrder(c));
            case 8 -> lineChange(c, anyOrder(c));
            case 9 -> movementChange(c);
            case 10 -> shipmentChange(c);
            default ->
                update(
                        c,
                        "UPDATE wms.order_lines SET quantity = quantity + 1 WHERE (order_id, line_no) = (SELECT"
                                + " order_id, line_no FROM wms.order_lines ORDER BY order_id, line_no OFFSET "
                                + random.nextInt(count(c, "wms.order_lines")) + " LIMIT 1)",
                        "line changed");
        }
    }

    private void newOrder(Connection c, long at) throws SQLException {
        long id = nextOrder++;
        update(
                c,
                "INSERT INTO wms.orders SELECT " + id + ", (SELECT min(customer_id) FROM wms.customers),"
                        + " (SELECT warehouse_id FROM wms.warehouses ORDER BY warehouse_id OFFSET " + random.nextInt(4)
                        + " LIMIT 1),"
                        + " 'open', now() + " + at + " * interval '1 second', now() + " + (at + 2 * DAY)
                        + " * interval '1 second',"
                        + " NULL, NULL",
                "order inserted");
        for (int line = 1, n = 1 + random.nextInt(3); line <= n; line++) {
            update(
                    c,
                    "INSERT INTO wms.order_lines SELECT " + id + ", " + line + ", product_id, "
                            + (1 + random.nextInt(5)) + ", unit_price FROM wms.products ORDER BY product_id OFFSET "
                            + random.nextInt(50) + " LIMIT 1",
                    "line added");
        }
    }

    private void deleteOrder(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM wms.stock_movements WHERE order_id = " + id, "movement deleted");
        update(c, "DELETE FROM wms.shipments WHERE order_id = " + id, "shipment deleted");
        update(c, "DELETE FROM wms.order_lines WHERE order_id = " + id, "line deleted");
        update(c, "DELETE FROM wms.orders WHERE order_id = " + id, "order deleted");
    }

    private void lineChange(Connection c, long order) throws SQLException {
        if (random.nextBoolean()) {
            update(
                    c,
                    "INSERT INTO wms.order_lines SELECT " + order
                            + ", coalesce((SELECT max(line_no) FROM wms.order_lines" + " WHERE order_id = " + order
                            + "), 0) + 1, min(product_id), 2, 9.99 FROM wms.products",
                    "line added");
        } else {
            update(
                    c,
                    "DELETE FROM wms.order_lines WHERE (order_id, line_no) = (SELECT order_id, max(line_no)"
                            + " FROM wms.order_lines WHERE order_id = " + order + " GROUP BY order_id)",
                    "line deleted");
        }
    }

    private void movementChange(Connection c) throws SQLException {
        switch (random.nextInt(3)) {
            case 0 ->
                update(
                        c,
                        "INSERT INTO wms.stock_movements SELECT " + nextMovement++ + ", 'pick', min(product_id),"
                                + " (SELECT location_id FROM wms.locations ORDER BY location_id OFFSET "
                                + random.nextInt(100)
                                + " LIMIT 1), -" + (1 + random.nextInt(9)) + ", NULL, now() + " + seconds(-40, 1)
                                + " * interval '1 second' FROM wms.products",
                        "movement inserted");
            case 1 ->
                update(
                        c,
                        "UPDATE wms.stock_movements SET moved_at = moved_at + " + (random.nextInt(21) - 10)
                                + " * interval '1 day' WHERE movement_id = "
                                + anyRow(c, "wms.stock_movements", "movement_id"),
                        "movement moved");
            default ->
                update(
                        c,
                        "DELETE FROM wms.stock_movements WHERE movement_id = "
                                + anyRow(c, "wms.stock_movements", "movement_id"),
                        "movement deleted");
        }
    }

    private void shipmentChange(Connection c) throws SQLException {
        if (count(c, "wms.shipments") == 0 || random.nextBoolean()) {
            long order = anyOrder(c);
            update(
                    c,
                    "INSERT INTO wms.shipments SELECT " + nextShipment++ + ", order_id, warehouse_id, 'DHL', now() + "
                            + seconds(-30, 1) + " * interval '1 second', NULL, 3.5 FROM wms.orders WHERE order_id = "
                            + order,
                    "shipment inserted");
        } else {
            update(
                    c,
                    "UPDATE wms.shipments SET shipped_at = shipped_at - " + random.nextInt(15) + " * interval '1 day',"
                            + " weight_kg = weight_kg + 1 WHERE shipment_id = "
                            + anyRow(c, "wms.shipments", "shipment_id"),
                    "shipment moved");
        }
    }

    /** A random number of seconds between two day offsets from now. */
    private long seconds(int fromDay, int toDay) {
        return fromDay * DAY + (long) (random.nextDouble() * (toDay - fromDay) * DAY);
    }

    private long anyOrder(Connection c) throws SQLException {
        return anyRow(c, "wms.orders", "order_id");
    }

    private long anyRow(Connection c, String table, String key) throws SQLException {
        int n = count(c, table);
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + key + " FROM " + table + " ORDER BY " + key + " OFFSET ? LIMIT 1")) {
            s.setInt(1, random.nextInt(Math.max(n, 1)));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static int count(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void update(Connection c, String sql, String what) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
        counts.merge(what, 1, Integer::sum);
    }

    private long max(String sql) throws SQLException {
        try (Connection c = primary.getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
