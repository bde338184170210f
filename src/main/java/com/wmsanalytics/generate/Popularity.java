package com.wmsanalytics.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How often each product is ordered: Zipf-Mandelbrot over a rank fixed by the product id,
 * so that about a fifth of the products make up about seventy percent of the units, and
 * every run agrees on which products sell best.
 */
final class Popularity {

    private static final double OFFSET = 5;
    private static final double EXPONENT = 1.1;
    private static final double FAST_MOVER_SHARE = 0.05;

    private final WeightedSampler sampler;
    private final boolean[] fastMover;

    Popularity(List<Product> products) {
        long[] keys = new long[products.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = StableHash.mix(products.get(i).id() * 0x9E3779B97F4A7C15L + 17);
        }
        int[] rank = Ranking.byKey(keys);
        sampler = WeightedSampler.zipf(rank, OFFSET, EXPONENT);
        fastMover = new boolean[rank.length];
        for (int i = 0; i < rank.length; i++) {
            fastMover[i] = rank[i] < Math.max(1, rank.length * FAST_MOVER_SHARE);
        }
    }

    int sample(SplittableRandom random) {
        return sampler.sample(random);
    }

    double share(int product) {
        return sampler.share(product);
    }

    /** The best sellers, which are stored in bulk bays rather than reserve racks. */
    boolean fastMover(int product) {
        return fastMover[product];
    }
}
