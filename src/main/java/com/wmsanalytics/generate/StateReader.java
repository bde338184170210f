package com.wmsanalytics.generate;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads the master data, the inventory and the unfinished work back from the database. */
final class StateReader {

    private final Connection connection;

    StateReader(Connection connection) {
        this.connection = connection;
    }

    WmsState read() {
        return new WmsState(
                Sequences.read(connection),
                warehouses(),
                locations(),
                products(),
                customers(),
                inventory(),
                lastOrderDay(),
                new PendingOrderReader(connection).read(),
                openShipments());
    }

    private List<Warehouse> warehouses() {
        return Sql.list(
                connection,
                "SELECT warehouse_id, region FROM wms.warehouses ORDER BY warehouse_id",
                row -> new Warehouse(row.getInt(1), row.getString(2)));
    }

    private List<Location> locations() {
        return Sql.list(
                connection,
                "SELECT location_id, warehouse_id, zone, capacity_units FROM wms.locations" + " ORDER BY location_id",
                row -> new Location(row.getInt(1), row.getInt(2), row.getString(3), row.getInt(4)));
    }

    private List<Product> products() {
        return Sql.list(
                connection,
                "SELECT product_id, category, (unit_price * 100)::bigint FROM wms.products" + " ORDER BY product_id",
                row -> new Product(row.getInt(1), row.getString(2), row.getLong(3)));
    }

    private List<Customer> customers() {
        return Sql.list(
                connection,
                "SELECT customer_id, segment, region FROM wms.customers ORDER BY customer_id",
                row -> new Customer(row.getInt(1), Segment.of(row.getString(2)), row.getString(3)));
    }

    private List<InventoryRow> inventory() {
        return Sql.list(
                connection,
                "SELECT location_id, product_id, qty_on_hand, qty_reserved, " + Epoch.of("updated_at")
                        + " FROM wms.inventory ORDER BY 1, 2",
                row -> new InventoryRow(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getLong(5)));
    }

    private Optional<LocalDate> lastOrderDay() {
        return Optional.ofNullable(Sql.one(
                connection,
                "SELECT (max(created_at) AT TIME ZONE 'UTC')::date FROM wms.orders",
                row -> row.getObject(1, LocalDate.class)));
    }

    private List<OpenShipment> openShipments() {
        return Sql.list(
                connection,
                "SELECT s.shipment_id, s.order_id, " + Epoch.of("s.shipped_at") + ", s.carrier"
                        + " FROM wms.shipments s JOIN wms.orders o ON o.order_id = s.order_id"
                        + " WHERE s.delivered_at IS NULL AND o.status = 'shipped'"
                        + " ORDER BY s.shipment_id",
                row -> new OpenShipment(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4)));
    }
}
