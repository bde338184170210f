package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Makes new orders, and plans the rest of the life of orders an earlier run left open. */
final class OrderMaker {

    private final Catalog catalog;
    private final CustomerBase customers;
    private final LinePicker lines;
    private final FatePlanner fates;
    private final SplittableRandom random;

    OrderMaker(Catalog catalog, CustomerBase customers, LinePicker lines, FatePlanner fates, SplittableRandom random) {
        this.catalog = catalog;
        this.customers = customers;
        this.lines = lines;
        this.fates = fates;
        this.random = random;
    }

    OrderPlan make(long id, long createdAt) {
        int customer = customers.sample(random);
        Segment segment = customers.customer(customer).segment();
        int warehouse = customers.warehouseFor(customer, random);
        Lines drawn = lines.draw(segment, random);
        Fate fate = fates.plan(segment, createdAt, drawn.grams() / 1000.0);
        return new OrderPlan(id, customers.customer(customer).id(), warehouse, segment, createdAt, drawn, fate);
    }

    OrderPlan resume(PendingOrder order, long resumedAt) {
        Segment segment = customers.segmentOf(order.customerId());
        Lines stored = lines.rebuild(order.lines());
        Fate fate = fates.resume(segment, order.createdAt(), order.promisedAt(), resumedAt, stored.grams() / 1000.0);
        int warehouse = catalog.warehouseIndex(order.warehouseId());
        return new OrderPlan(order.id(), order.customerId(), warehouse, segment, order.createdAt(), stored, fate);
    }
}
