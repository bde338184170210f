package com.wmsanalytics.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Draws the lines of a new order, and rebuilds the lines of a stored one. */
final class LinePicker {

    private static final int DRAWS_PER_LINE = 8;

    private final Catalog catalog;
    private final Popularity popularity;

    LinePicker(Catalog catalog, Popularity popularity) {
        this.catalog = catalog;
        this.popularity = popularity;
    }

    Lines draw(Segment segment, SplittableRandom random) {
        int count = segment.lineCount(random);
        int[] products = new int[count];
        int[] quantities = new int[count];
        long[] prices = new long[count];
        for (int i = 0; i < count; i++) {
            products[i] = distinctProduct(products, i, random);
            quantities[i] = segment.quantity(random, catalog.casePack(products[i]));
            prices[i] = segment.unitPriceCents(catalog.unitPriceCents(products[i]));
        }
        return new Lines(products, quantities, prices, grams(products, quantities));
    }

    Lines rebuild(List<PendingOrder.StoredLine> stored) {
        int[] products = new int[stored.size()];
        int[] quantities = new int[stored.size()];
        long[] prices = new long[stored.size()];
        for (int i = 0; i < products.length; i++) {
            products[i] = catalog.productIndex(stored.get(i).productId());
            quantities[i] = stored.get(i).quantity();
            prices[i] = stored.get(i).unitPriceCents();
        }
        return new Lines(products, quantities, prices, grams(products, quantities));
    }

    /** A product not yet on the order, unless the draws keep repeating one. */
    private int distinctProduct(int[] chosen, int count, SplittableRandom random) {
        int product = popularity.sample(random);
        for (int draw = 1; draw < DRAWS_PER_LINE && contains(chosen, count, product); draw++) {
            product = popularity.sample(random);
        }
        return product;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private long grams(int[] products, int[] quantities) {
        long grams = 0;
        for (int i = 0; i < products.length; i++) {
            grams += (long) quantities[i] * catalog.gramsPerUnit(products[i]);
        }
        return grams;
    }
}
