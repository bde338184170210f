package com.wmsanalytics.generate;

/**
 * The whole future of an order, decided when it is made. What the tables show is the
 * fate seen at the end of the run: {@link #statusAt(long)}. Times are epoch seconds;
 * {@link #NEVER} marks what does not happen.
 */
record Fate(long promisedAt, long pickStartAt, long shippedAt, long deliveredAt, long cancelledAt, Carrier carrier) {

    static final long NEVER = Long.MAX_VALUE;

    /** The status at {@code now}; events at or after {@code now} have not happened. */
    OrderStatus statusAt(long now) {
        if (cancelledAt < now) {
            return OrderStatus.CANCELLED;
        }
        if (shippedAt < now) {
            return deliveredAt < now ? OrderStatus.DELIVERED : OrderStatus.SHIPPED;
        }
        return pickStartAt < now ? OrderStatus.PICKING : OrderStatus.OPEN;
    }

    /** When the order stops holding stock: its cancellation or its shipment. */
    long settledAt() {
        return Math.min(cancelledAt, shippedAt);
    }
}
