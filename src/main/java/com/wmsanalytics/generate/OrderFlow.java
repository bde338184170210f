package com.wmsanalytics.generate;

/**
 * Takes an order into the simulation: writes or updates its row as it stands at the end
 * of the run, reserves stock while it is open and schedules its shipment.
 */
final class OrderFlow {

    private final OrderRows rows;
    private final StatusChanges changes;
    private final Reservations reservations;
    private final Shipping shipping;
    private final EventQueue queue;
    private final long now;

    OrderFlow(
            OrderRows rows,
            StatusChanges changes,
            Reservations reservations,
            Shipping shipping,
            EventQueue queue,
            long now) {
        this.rows = rows;
        this.changes = changes;
        this.reservations = reservations;
        this.shipping = shipping;
        this.queue = queue;
        this.now = now;
    }

    void admitNew(OrderPlan order) {
        rows.insert(order);
        if (order.fate().statusAt(now).pending()) {
            reservations.hold(order);
        }
        scheduleShipment(order);
    }

    /** An order an earlier run left open; its stock is already reserved. */
    void admitResumed(OrderPlan order, OrderStatus stored) {
        Fate fate = order.fate();
        OrderStatus status = fate.statusAt(now);
        if (status != stored) {
            changes.order(order.id(), status, timeOrNull(fate.shippedAt()), timeOrNull(fate.cancelledAt()));
        }
        if (!status.pending()) {
            reservations.release(order);
        }
        scheduleShipment(order);
    }

    private void scheduleShipment(OrderPlan order) {
        if (order.fate().shippedAt() < now) {
            queue.at(order.fate().shippedAt(), () -> shipping.ship(order));
        }
    }

    private Long timeOrNull(long time) {
        return time < now ? time : null;
    }
}
