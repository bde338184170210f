package com.wmsanalytics.generate;

/**
 * The expected daily units of each product in one warehouse, from the run's order rate and
 * the product's popularity. Replenishment sizes its receipts and bin top-ups with it.
 */
final class DemandModel {

    /** Units per order across segments, as {@link Segment} draws them. */
    static final double UNITS_PER_ORDER = 9.5;

    private final double[] daily;

    DemandModel(Popularity popularity, int products, double ordersPerDay, int warehouses) {
        daily = new double[products];
        for (int p = 0; p < products; p++) {
            daily[p] = ordersPerDay * UNITS_PER_ORDER * popularity.share(p) / warehouses;
        }
    }

    /** Receive when a warehouse holds less than four days of demand. */
    int reorderPoint(int product) {
        return (int) Math.ceil(4 * daily[product]);
    }

    /** Receive up to two weeks of demand. */
    int orderUpTo(int product) {
        return (int) Math.ceil(14 * daily[product]);
    }

    /** Keep two days of demand in the pick bin, within its capacity. */
    int pickTarget(int product, int capacity) {
        return (int) Math.min(Math.ceil(2 * daily[product]), capacity);
    }
}
