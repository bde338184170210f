package com.wmsanalytics.generate;

import java.sql.Connection;

/** The id counters of all tables, continuing after the ids already in the database. */
final class Sequences {

    final IdCounter warehouses;
    final IdCounter locations;
    final IdCounter products;
    final IdCounter customers;
    final IdCounter orders;
    final IdCounter shipments;
    final IdCounter movements;

    private Sequences(long[] largest) {
        warehouses = new IdCounter(largest[0]);
        locations = new IdCounter(largest[1]);
        products = new IdCounter(largest[2]);
        customers = new IdCounter(largest[3]);
        orders = new IdCounter(largest[4]);
        shipments = new IdCounter(largest[5]);
        movements = new IdCounter(largest[6]);
    }

    static Sequences read(Connection connection) {
        return new Sequences(Sql.one(connection, LARGEST_IDS, row -> new long[] {
            row.getLong(1),
            row.getLong(2),
            row.getLong(3),
            row.getLong(4),
            row.getLong(5),
            row.getLong(6),
            row.getLong(7)
        }));
    }

    private static final String LARGEST_IDS = "SELECT"
            + " (SELECT coalesce(max(warehouse_id), 0) FROM wms.warehouses),"
            + " (SELECT coalesce(max(location_id), 0) FROM wms.locations),"
            + " (SELECT coalesce(max(product_id), 0) FROM wms.products),"
            + " (SELECT coalesce(max(customer_id), 0) FROM wms.customers),"
            + " (SELECT coalesce(max(order_id), 0) FROM wms.orders),"
            + " (SELECT coalesce(max(shipment_id), 0) FROM wms.shipments),"
            + " (SELECT coalesce(max(movement_id), 0) FROM wms.stock_movements)";
}
