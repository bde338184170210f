package com.wmsanalytics.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Progress of orders and shipments an earlier run left unfinished: new statuses and
 * delivery times, applied as two set-based UPDATEs at the end of the run.
 */
final class StatusChanges {

    private static final String UPDATE_ORDERS = "UPDATE wms.orders o SET status = c.status,"
            + " shipped_at = to_timestamp(c.shipped), cancelled_at = to_timestamp(c.cancelled)"
            + " FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[])"
            + " AS c(order_id, status, shipped, cancelled) WHERE o.order_id = c.order_id";
    private static final String UPDATE_SHIPMENTS = "UPDATE wms.shipments s"
            + " SET delivered_at = to_timestamp(c.delivered)"
            + " FROM unnest(?::bigint[], ?::bigint[]) AS c(shipment_id, delivered)"
            + " WHERE s.shipment_id = c.shipment_id";

    private final List<Long> orderIds = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<Long> shippedAt = new ArrayList<>();
    private final List<Long> cancelledAt = new ArrayList<>();
    private final List<Long> shipmentIds = new ArrayList<>();
    private final List<Long> deliveredAt = new ArrayList<>();

    void order(long orderId, OrderStatus status, Long shipped, Long cancelled) {
        orderIds.add(orderId);
        statuses.add(status.sqlName());
        shippedAt.add(shipped);
        cancelledAt.add(cancelled);
    }

    void delivery(long shipmentId, long delivered) {
        shipmentIds.add(shipmentId);
        deliveredAt.add(delivered);
    }

    /** Applies the changes and returns the rows updated in orders and in shipments. */
    long[] apply(Connection connection) {
        try (PreparedStatement orders = connection.prepareStatement(UPDATE_ORDERS);
                PreparedStatement shipments = connection.prepareStatement(UPDATE_SHIPMENTS)) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            bind(orders, pg, "int8", orderIds, "text", statuses, "int8", shippedAt, "int8", cancelledAt);
            bind(shipments, pg, "int8", shipmentIds, "int8", deliveredAt);
            return new long[] {orders.executeLargeUpdate(), shipments.executeLargeUpdate()};
        } catch (SQLException e) {
            throw Sql.failure("update the orders and shipments an earlier run left open", e);
        }
    }

    private static void bind(PreparedStatement statement, PGConnection pg, Object... typesAndValues)
            throws SQLException {
        for (int i = 0; i < typesAndValues.length; i += 2) {
            List<?> values = (List<?>) typesAndValues[i + 1];
            statement.setArray(i / 2 + 1, pg.createArrayOf((String) typesAndValues[i], values.toArray()));
        }
    }
}
