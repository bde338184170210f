package com.wmsanalytics.generate;

import java.util.List;

/** An order an earlier run left open or picking; times in epoch seconds. */
record PendingOrder(
        long id,
        int customerId,
        int warehouseId,
        OrderStatus status,
        long createdAt,
        long promisedAt,
        List<StoredLine> lines) {

    /** One line of a pending order. */
    record StoredLine(int productId, int quantity, long unitPriceCents) {}
}
