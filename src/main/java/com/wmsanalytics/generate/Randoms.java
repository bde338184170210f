package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Draws the simulation needs beyond {@link SplittableRandom}'s own. */
final class Randoms {

    private Randoms() {}

    /** Uniform in [from, to). */
    static long between(SplittableRandom random, long from, long to) {
        return from + random.nextLong(to - from);
    }

    /** Failures before the first success, at most {@code cap}. */
    static int geometric(SplittableRandom random, double success, int cap) {
        int failures = 0;
        while (failures < cap && random.nextDouble() > success) {
            failures++;
        }
        return failures;
    }

    /** Uniform in [from, to) on a logarithmic scale. */
    static long logUniform(SplittableRandom random, long from, long to) {
        double log = Math.log(from) + random.nextDouble() * (Math.log(to) - Math.log(from));
        return Math.round(Math.exp(log));
    }

    static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
