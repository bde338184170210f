package com.wmsanalytics.generate;

/** The stock of one product in one location, as the inventory row will show it. */
final class StockCell {

    final int locationId;
    final int productId;
    private int onHand;
    private int reserved;
    private long updatedAt;
    private boolean changed;

    StockCell(int locationId, int productId, int onHand, int reserved, long updatedAt) {
        this.locationId = locationId;
        this.productId = productId;
        this.onHand = onHand;
        this.reserved = reserved;
        this.updatedAt = updatedAt;
    }

    /** Applies a signed movement; stock never goes below zero. */
    void move(int quantity, long at) {
        if (onHand + quantity < 0) {
            throw new IllegalStateException("product " + productId + " in location " + locationId
                    + " would go negative: " + onHand + " on hand, moving " + quantity);
        }
        onHand += quantity;
        touch(at);
    }

    /** Reserves ({@code quantity} > 0) or releases stock; a release never goes below zero. */
    void reserve(int quantity, long at) {
        reserved = Math.max(0, reserved + quantity);
        touch(at);
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reserved;
    }

    long updatedAt() {
        return updatedAt;
    }

    boolean changed() {
        return changed;
    }

    private void touch(long at) {
        updatedAt = Math.max(updatedAt, at);
        changed = true;
    }
}
