package com.wmsanalytics.generate;

import java.util.Arrays;
import java.util.Comparator;

/** Ranks items by a fixed key: rank 0 has the smallest key. */
final class Ranking {

    private Ranking() {}

    static int[] byKey(long[] keys) {
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> keys[i]).thenComparingInt(i -> i));
        int[] rank = new int[keys.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
