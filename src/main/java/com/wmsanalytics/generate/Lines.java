package com.wmsanalytics.generate;

/** The lines of an order: product indexes, quantities, unit prices in cents and weight. */
record Lines(int[] products, int[] quantities, long[] unitPriceCents, long grams) {

    int count() {
        return products.length;
    }
}
