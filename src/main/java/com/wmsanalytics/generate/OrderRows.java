package com.wmsanalytics.generate;

/** Writes new orders and their lines as they stand at the end of the run. */
final class OrderRows {

    private final Catalog catalog;
    private final CopyBuffer orders;
    private final CopyBuffer lines;
    private final long now;

    OrderRows(Catalog catalog, CopySink sink, long now) {
        this.catalog = catalog;
        this.orders = sink.rows(WmsTable.ORDERS);
        this.lines = sink.rows(WmsTable.ORDER_LINES);
        this.now = now;
    }

    void insert(OrderPlan order) {
        Fate fate = order.fate();
        orders.number(order.id())
                .number(order.customerId())
                .number(catalog.warehouseId(order.warehouse()))
                .text(fate.statusAt(now).sqlName())
                .time(order.createdAt())
                .time(fate.promisedAt())
                .timeOrNull(fate.shippedAt(), fate.shippedAt() < now)
                .timeOrNull(fate.cancelledAt(), fate.cancelledAt() < now)
                .endRow();
        insertLines(order);
    }

    private void insertLines(OrderPlan order) {
        Lines ordered = order.lines();
        for (int i = 0; i < ordered.count(); i++) {
            lines.number(order.id())
                    .number(i + 1)
                    .number(catalog.productId(ordered.products()[i]))
                    .number(ordered.quantities()[i])
                    .hundredths(ordered.unitPriceCents()[i])
                    .endRow();
        }
    }
}
