package com.wmsanalytics.generate;

/** The tables of the {@code wms} schema in an order that satisfies their foreign keys. */
enum WmsTable {
    WAREHOUSES("warehouses", "warehouse_id, code, name, region, opened_on"),
    LOCATIONS("locations", "location_id, warehouse_id, code, zone, capacity_units"),
    PRODUCTS("products", "product_id, sku, name, category, unit_cost, unit_price, created_at"),
    CUSTOMERS("customers", "customer_id, name, segment, region, created_at"),
    ORDERS(
            "orders",
            "order_id, customer_id, warehouse_id, status, created_at, promised_at, shipped_at," + " cancelled_at"),
    ORDER_LINES("order_lines", "order_id, line_no, product_id, quantity, unit_price"),
    SHIPMENTS("shipments", "shipment_id, order_id, warehouse_id, carrier, shipped_at, delivered_at, weight_kg"),
    STOCK_MOVEMENTS(
            "stock_movements", "movement_id, movement_type, product_id, location_id, quantity, order_id, moved_at"),
    INVENTORY("inventory", "location_id, product_id, qty_on_hand, qty_reserved, updated_at");

    private final String tableName;
    private final String columns;

    WmsTable(String tableName, String columns) {
        this.tableName = tableName;
        this.columns = columns;
    }

    String tableName() {
        return tableName;
    }

    String copySql() {
        return "COPY wms." + tableName + " (" + columns + ") FROM STDIN";
    }
}
