package com.wmsanalytics.generate;

/**
 * A fixed mixing function (SplitMix64's finaliser). Traits derived from an id with it, such
 * as a product's popularity rank, stay the same from one run to the next.
 */
final class StableHash {

    private StableHash() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A number in [0, 1) fixed by the key. */
    static double unit(long key) {
        return (mix(key) >>> 11) * 0x1.0p-53;
    }
}
