package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/**
 * Continues what an earlier run left unfinished: its open and picking orders are shipped
 * or cancelled, and its shipments in transit are delivered.
 */
final class CarryOver {

    private static final long HOUR = 3_600;

    private final OrderMaker maker;
    private final OrderFlow flow;
    private final StatusChanges changes;
    private final SplittableRandom random;
    private final long resumedAt;
    private final long now;

    CarryOver(
            OrderMaker maker,
            OrderFlow flow,
            StatusChanges changes,
            SplittableRandom random,
            long resumedAt,
            long now) {
        this.maker = maker;
        this.flow = flow;
        this.changes = changes;
        this.random = random;
        this.resumedAt = resumedAt;
        this.now = now;
    }

    void resume(WmsState state) {
        for (PendingOrder order : state.pendingOrders()) {
            flow.admitResumed(maker.resume(order, resumedAt), order.status());
        }
        for (OpenShipment shipment : state.openShipments()) {
            deliver(shipment);
        }
    }

    private void deliver(OpenShipment shipment) {
        long transit = Carrier.byName(shipment.carrier()).transitSeconds(random);
        long delivered = Math.max(shipment.shippedAt() + transit, resumedAt + Randoms.between(random, HOUR, 20 * HOUR));
        if (delivered < now) {
            changes.delivery(shipment.shipmentId(), delivered);
            changes.order(shipment.orderId(), OrderStatus.DELIVERED, shipment.shippedAt(), null);
        }
    }
}
