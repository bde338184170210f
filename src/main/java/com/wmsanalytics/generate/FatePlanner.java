package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/**
 * Decides when orders are promised, picked, shipped, delivered or cancelled. Most ship
 * well within the promise; some ship late, more of them when ordered at the weekend.
 */
final class FatePlanner {

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final double LATE_RATE = 0.06;
    private static final double WEEKEND_LATE_RATE = 0.15;

    private final SplittableRandom random;

    FatePlanner(SplittableRandom random) {
        this.random = random;
    }

    Fate plan(Segment segment, long createdAt, double kg) {
        long promised = createdAt + segment.promiseSeconds();
        if (random.nextDouble() < segment.cancelRate()) {
            return cancelled(promised, createdAt + Randoms.between(random, 10 * MINUTE, 20 * HOUR));
        }
        return shipped(segment, createdAt, promised, shipTime(createdAt, promised), kg);
    }

    /** The rest of the life of an order an earlier run left open at {@code resumedAt}. */
    Fate resume(Segment segment, long createdAt, long promisedAt, long resumedAt, double kg) {
        if (random.nextDouble() < segment.cancelRate() / 2) {
            return cancelled(promisedAt, resumedAt + Randoms.between(random, 10 * MINUTE, 12 * HOUR));
        }
        long shipped = resumedAt + Randoms.between(random, 30 * MINUTE, 12 * HOUR);
        return shipped(segment, createdAt, promisedAt, shipped, kg);
    }

    private long shipTime(long createdAt, long promised) {
        if (random.nextDouble() < lateRate(createdAt)) {
            return promised + Randoms.between(random, HOUR, 36 * HOUR);
        }
        return createdAt + (long) ((promised - createdAt) * (0.1 + 0.8 * random.nextDouble()));
    }

    private Fate shipped(Segment segment, long createdAt, long promised, long shippedAt, double kg) {
        long pickStart = Math.max(createdAt + 5 * MINUTE, shippedAt - Randoms.between(random, 30 * MINUTE, 4 * HOUR));
        Carrier carrier = Carrier.choose(segment, kg, random);
        long delivered = shippedAt + Math.max(6 * HOUR, carrier.transitSeconds(random));
        return new Fate(promised, pickStart, shippedAt, delivered, Fate.NEVER, carrier);
    }

    private static Fate cancelled(long promised, long cancelledAt) {
        return new Fate(promised, Fate.NEVER, Fate.NEVER, Fate.NEVER, cancelledAt, null);
    }

    private static double lateRate(long createdAt) {
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(createdAt, 86_400L) + 3, 7L);
        return dayOfWeek >= 5 ? WEEKEND_LATE_RATE : LATE_RATE;
    }
}
