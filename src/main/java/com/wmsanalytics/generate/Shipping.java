package com.wmsanalytics.generate;

/**
 * Ships an order: picks every line from its pick bin (replenishing the bin first when it
 * is short) and writes the shipment. Picks are booked at the shipment time.
 */
final class Shipping {

    /** Grams of packaging added to every shipment. */
    private static final long PACKAGING_GRAMS = 250;

    private final Catalog catalog;
    private final Slotting slotting;
    private final Replenisher replenisher;
    private final MovementLog log;
    private final CopyBuffer shipments;
    private final IdCounter ids;
    private final Returns returns;
    private final long now;

    Shipping(
            Catalog catalog,
            Slotting slotting,
            Replenisher replenisher,
            MovementLog log,
            CopySink sink,
            IdCounter ids,
            Returns returns,
            long now) {
        this.catalog = catalog;
        this.slotting = slotting;
        this.replenisher = replenisher;
        this.log = log;
        this.shipments = sink.rows(WmsTable.SHIPMENTS);
        this.ids = ids;
        this.returns = returns;
        this.now = now;
    }

    void ship(OrderPlan order) {
        long at = order.fate().shippedAt();
        Lines lines = order.lines();
        for (int i = 0; i < lines.count(); i++) {
            pick(order, lines.products()[i], lines.quantities()[i], at);
        }
        write(order, at);
        returns.consider(order);
    }

    private void pick(OrderPlan order, int product, int quantity, long at) {
        replenisher.ensurePickable(at, order.warehouse(), product, quantity);
        int binId = slotting.pickBin(order.warehouse(), product).id();
        log.pick(at, binId, catalog.productId(product), quantity, order.id());
    }

    private void write(OrderPlan order, long at) {
        Fate fate = order.fate();
        shipments
                .number(ids.next())
                .number(order.id())
                .number(catalog.warehouseId(order.warehouse()))
                .text(fate.carrier().displayName())
                .time(at)
                .timeOrNull(fate.deliveredAt(), fate.deliveredAt() < now)
                .hundredths((order.lines().grams() + PACKAGING_GRAMS) / 10)
                .endRow();
    }
}
