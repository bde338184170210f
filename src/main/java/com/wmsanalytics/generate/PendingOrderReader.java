package com.wmsanalytics.generate;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the orders an earlier run left open or picking, with their lines. */
final class PendingOrderReader {

    private static final String PENDING = "status IN ('open', 'picking')";

    private final Connection connection;

    PendingOrderReader(Connection connection) {
        this.connection = connection;
    }

    List<PendingOrder> read() {
        Map<Long, List<PendingOrder.StoredLine>> lines = lines();
        return Sql.list(
                connection,
                "SELECT order_id, customer_id, warehouse_id, status, " + Epoch.of("created_at")
                        + ", " + Epoch.of("promised_at") + " FROM wms.orders WHERE " + PENDING
                        + " ORDER BY order_id",
                row -> new PendingOrder(
                        row.getLong(1),
                        row.getInt(2),
                        row.getInt(3),
                        OrderStatus.of(row.getString(4)),
                        row.getLong(5),
                        row.getLong(6),
                        lines.getOrDefault(row.getLong(1), List.of())));
    }

    private Map<Long, List<PendingOrder.StoredLine>> lines() {
        Map<Long, List<PendingOrder.StoredLine>> byOrder = new HashMap<>();
        Sql.list(
                connection,
                "SELECT l.order_id, l.product_id, l.quantity, (l.unit_price * 100)::bigint"
                        + " FROM wms.order_lines l JOIN wms.orders o ON o.order_id = l.order_id"
                        + " WHERE o." + PENDING + " ORDER BY l.order_id, l.line_no",
                row -> byOrder.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                        .add(new PendingOrder.StoredLine(row.getInt(2), row.getInt(3), row.getLong(4))));
        return byOrder;
    }
}
