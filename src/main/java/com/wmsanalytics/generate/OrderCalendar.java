package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When orders come in: a weekly pattern that peaks on Monday and dips at the weekend, a
 * little day-to-day noise, and a daily curve that is busiest from late morning to evening.
 */
final class OrderCalendar {

    private static final double[] WEEKDAY_WEIGHT = {1.30, 1.15, 1.05, 1.00, 0.95, 0.60, 0.50};
    private static final double DAILY_NOISE = 0.16;
    private static final WeightedSampler HOURS = new WeightedSampler(new double[] {
        1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4.0, 5.5, 6.5, 6.8,
        6.5, 6.2, 6.0, 5.8, 5.5, 5.2, 5.5, 6.0, 5.5, 4.0, 2.8, 1.8
    });

    /** Splits {@code orders} over the days from {@code first}; the counts add up exactly. */
    int[] ordersPerDay(LocalDate first, int days, int orders, SplittableRandom random) {
        double[] cumulative = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            double weight = WEEKDAY_WEIGHT[first.plusDays(d).getDayOfWeek().getValue() - 1];
            sum += weight * (1 + DAILY_NOISE * (random.nextDouble() - 0.5));
            cumulative[d] = sum;
        }
        return split(cumulative, orders);
    }

    /** Sorted creation times (epoch seconds) of {@code count} orders on {@code day}. */
    long[] creationTimes(LocalDate day, int count, SplittableRandom random) {
        long start = day.toEpochDay() * 86_400L;
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = start + HOURS.sample(random) * 3_600L + random.nextInt(3_600);
        }
        Arrays.sort(times);
        return times;
    }

    private static int[] split(double[] cumulative, int orders) {
        double total = cumulative[cumulative.length - 1];
        int[] counts = new int[cumulative.length];
        long before = 0;
        for (int d = 0; d < counts.length; d++) {
            long upTo = d == counts.length - 1 ? orders : Math.round(orders * cumulative[d] / total);
            counts[d] = (int) (upTo - before);
            before = upTo;
        }
        return counts;
    }
}
