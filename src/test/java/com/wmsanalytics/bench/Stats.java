package com.wmsanalytics.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The minimum, median and maximum of a set of measured durations. */
record Stats(Duration min, Duration median, Duration max) {

    static Stats of(List<Duration> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Duration> sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        Duration median = n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        return new Stats(sorted.get(0), median, sorted.get(n - 1));
    }

    static Duration median(List<Duration> samples) {
        return of(samples).median();
    }

    /** {@code min / median / max}, in milliseconds. */
    String text() {
        return ms(min) + " / " + ms(median) + " / " + ms(max);
    }

    /** Milliseconds: one decimal below 100 ms, whole above. */
    static String ms(Duration d) {
        double ms = d.toNanos() / 1e6;
        return String.format(Locale.ROOT, ms < 100 ? "%.1f ms" : "%,.0f ms", ms);
    }

    /** How many times longer {@code a} is than {@code b}. */
    static String ratio(Duration a, Duration b) {
        return b.isZero() ? "-" : String.format(Locale.ROOT, "%.2fx", a.toNanos() / (double) b.toNanos());
    }
}
