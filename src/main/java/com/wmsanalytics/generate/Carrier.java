package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Carriers and their transit times in days. */
enum Carrier {
    UPS("UPS", 1, 4),
    FEDEX("FedEx", 1, 3),
    USPS("USPS", 2, 6),
    DHL("DHL Express", 1, 3),
    FREIGHT("LTL Freight", 2, 5);

    private static final double HEAVY_KG = 30;

    private final String displayName;
    private final int minDays;
    private final int maxDays;

    Carrier(String displayName, int minDays, int maxDays) {
        this.displayName = displayName;
        this.minDays = minDays;
        this.maxDays = maxDays;
    }

    String displayName() {
        return displayName;
    }

    static Carrier byName(String displayName) {
        for (Carrier carrier : values()) {
            if (carrier.displayName.equals(displayName)) {
                return carrier;
            }
        }
        return UPS;
    }

    static Carrier choose(Segment segment, double kg, SplittableRandom random) {
        double u = random.nextDouble();
        if (kg > HEAVY_KG) {
            return FREIGHT;
        }
        return switch (segment) {
            case WHOLESALE -> u < 0.6 ? UPS : FEDEX;
            case MARKETPLACE -> u < 0.6 ? USPS : UPS;
            case RETAIL -> u < 0.4 ? UPS : u < 0.65 ? FEDEX : u < 0.9 ? USPS : DHL;
        };
    }

    /** Seconds from hand-over to delivery. */
    long transitSeconds(SplittableRandom random) {
        long days = minDays + random.nextInt(maxDays - minDays + 1);
        return days * 86_400L + Randoms.between(random, -4 * 3600L, 6 * 3600L);
    }
}
