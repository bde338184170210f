package com.wmsanalytics.bench;

import java.util.Locale;

/** A history to generate: {@code orders} orders over {@code days} days. */
record HistorySize(int orders, int days) {

    HistorySize {
        if (orders < 1 || days < 1) {
            throw new IllegalArgumentException("a size needs at least 1 order and 1 day, got " + orders + ":" + days);
        }
    }

    /** {@code ORDERS:DAYS}, e.g. {@code 100000:120}. */
    static HistorySize parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a size is ORDERS:DAYS, got " + text);
        }
        return new HistorySize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** The orders of one more day at the history's average rate. */
    int ordersPerDay() {
        return Math.max(1, Math.round((float) orders / days));
    }

    String label() {
        return String.format(Locale.ROOT, "%,d orders / %,d days", orders, days);
    }
}
