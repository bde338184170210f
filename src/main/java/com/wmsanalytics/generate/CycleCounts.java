package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/**
 * Counts a pick bin and books the difference as an adjustment: mostly shrinkage, sometimes
 * found stock, never more than the bin holds.
 */
final class CycleCounts {

    private static final double SHRINKAGE_SHARE = 0.65;

    private final Catalog catalog;
    private final Popularity popularity;
    private final Slotting slotting;
    private final Stock stock;
    private final MovementLog log;
    private final SplittableRandom random;

    CycleCounts(
            Catalog catalog,
            Popularity popularity,
            Slotting slotting,
            Stock stock,
            MovementLog log,
            SplittableRandom random) {
        this.catalog = catalog;
        this.popularity = popularity;
        this.slotting = slotting;
        this.stock = stock;
        this.log = log;
        this.random = random;
    }

    void count(long at, int warehouse) {
        int product = popularity.sample(random);
        int binId = slotting.pickBin(warehouse, product).id();
        int productId = catalog.productId(product);
        int delta = correction(stock.onHand(binId, productId));
        if (delta != 0) {
            log.adjustment(at, binId, productId, delta);
        }
    }

    private int correction(int onHand) {
        if (onHand == 0) {
            return 0;
        }
        if (random.nextDouble() < SHRINKAGE_SHARE) {
            return -(1 + random.nextInt(Math.min(3, onHand)));
        }
        return 1 + random.nextInt(3);
    }
}
