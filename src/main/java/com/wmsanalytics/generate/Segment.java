package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Customer segments: how many lines and units they order, how fast and how reliably. */
enum Segment {
    RETAIL("retail", 48, 0.03, 0.05),
    WHOLESALE("wholesale", 72, 0.02, 0.01),
    MARKETPLACE("marketplace", 24, 0.05, 0.04);

    private final String sqlName;
    private final int promiseHours;
    private final double cancelRate;
    private final double returnRate;

    Segment(String sqlName, int promiseHours, double cancelRate, double returnRate) {
        this.sqlName = sqlName;
        this.promiseHours = promiseHours;
        this.cancelRate = cancelRate;
        this.returnRate = returnRate;
    }

    static Segment of(String sqlName) {
        for (Segment segment : values()) {
            if (segment.sqlName.equals(sqlName)) {
                return segment;
            }
        }
        return RETAIL;
    }

    String sqlName() {
        return sqlName;
    }

    long promiseSeconds() {
        return promiseHours * 3600L;
    }

    double cancelRate() {
        return cancelRate;
    }

    double returnRate() {
        return returnRate;
    }

    int lineCount(SplittableRandom random) {
        return switch (this) {
            case RETAIL -> 1 + Randoms.geometric(random, 0.45, 7);
            case WHOLESALE -> 2 + Randoms.geometric(random, 0.30, 18);
            case MARKETPLACE -> 1 + Randoms.geometric(random, 0.60, 4);
        };
    }

    int quantity(SplittableRandom random, int casePack) {
        double u = random.nextDouble();
        return switch (this) {
            case RETAIL -> u < 0.62 ? 1 : u < 0.87 ? 2 : 3 + random.nextInt(3);
            case WHOLESALE -> casePack * (1 + random.nextInt(3));
            case MARKETPLACE -> u < 0.8 ? 1 : 2;
        };
    }

    /** Wholesale customers get 12 % off the list price. */
    long unitPriceCents(long listCents) {
        return this == WHOLESALE ? Math.round(listCents * 0.88) : listCents;
    }
}
