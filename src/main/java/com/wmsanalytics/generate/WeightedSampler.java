package com.wmsanalytics.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws indexes with probability proportional to fixed weights. */
final class WeightedSampler {

    private final double[] cumulative;

    WeightedSampler(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    int sample(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int found = Arrays.binarySearch(cumulative, x);
        int index = found >= 0 ? found + 1 : -found - 1;
        return Math.min(index, cumulative.length - 1);
    }

    /** The probability of drawing {@code index}. */
    double share(int index) {
        double below = index == 0 ? 0 : cumulative[index - 1];
        return (cumulative[index] - below) / cumulative[cumulative.length - 1];
    }

    /** Zipf-Mandelbrot weights 1 / (rank + offset)^exponent for the given ranks. */
    static WeightedSampler zipf(int[] rankOf, double offset, double exponent) {
        double[] weights = new double[rankOf.length];
        for (int i = 0; i < rankOf.length; i++) {
            weights[i] = 1 / Math.pow(rankOf[i] + offset, exponent);
        }
        return new WeightedSampler(weights);
    }
}
