package com.wmsanalytics.generate;

/** Holds and releases the stock that open and picking orders reserve in their pick bins. */
final class Reservations {

    private final Catalog catalog;
    private final Slotting slotting;
    private final Stock stock;

    Reservations(Catalog catalog, Slotting slotting, Stock stock) {
        this.catalog = catalog;
        this.slotting = slotting;
        this.stock = stock;
    }

    void hold(OrderPlan order) {
        apply(order, 1, order.createdAt());
    }

    void release(OrderPlan order) {
        apply(order, -1, order.fate().settledAt());
    }

    private void apply(OrderPlan order, int sign, long at) {
        Lines lines = order.lines();
        for (int i = 0; i < lines.count(); i++) {
            int product = lines.products()[i];
            int binId = slotting.pickBin(order.warehouse(), product).id();
            stock.cell(binId, catalog.productId(product)).reserve(sign * lines.quantities()[i], at);
        }
    }
}
