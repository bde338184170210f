package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Some delivered orders send one line back a few days later; it is restocked in its pick bin. */
final class Returns {

    private static final long DAY = 86_400;

    private final Catalog catalog;
    private final Slotting slotting;
    private final MovementLog log;
    private final EventQueue queue;
    private final SplittableRandom random;
    private final long now;

    Returns(Catalog catalog, Slotting slotting, MovementLog log, EventQueue queue, SplittableRandom random, long now) {
        this.catalog = catalog;
        this.slotting = slotting;
        this.log = log;
        this.queue = queue;
        this.random = random;
        this.now = now;
    }

    void consider(OrderPlan order) {
        long delivered = order.fate().deliveredAt();
        if (delivered >= now
                || order.lines().count() == 0
                || random.nextDouble() >= order.segment().returnRate()) {
            return;
        }
        long at = delivered + Randoms.between(random, DAY, 14 * DAY);
        int line = random.nextInt(order.lines().count());
        int quantity = 1 + random.nextInt(order.lines().quantities()[line]);
        if (at < now) {
            queue.at(at, () -> restock(order, order.lines().products()[line], quantity, at));
        }
    }

    private void restock(OrderPlan order, int product, int quantity, long at) {
        int binId = slotting.pickBin(order.warehouse(), product).id();
        log.customerReturn(at, binId, catalog.productId(product), quantity, order.id());
    }
}
