package com.wmsanalytics.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link RebuildBenchmark}.
 *
 * @param sizes the histories, each generated once on fresh servers, in this order
 * @param repeat rebuilds of the lost replica per size
 */
record RebuildOptions(List<HistorySize> sizes, int repeat) {

    static final String USAGE = "usage: RebuildBenchmark [--sizes ORDERS:DAYS[,ORDERS:DAYS...]] [--repeat R]";

    static RebuildOptions parse(String[] args) {
        List<HistorySize> sizes = List.of(new HistorySize(20_000, 120), new HistorySize(1_000_000, 1_200));
        int repeat = 3;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sizes" -> sizes = sizes(required(args[i], value));
                case "--repeat" -> repeat = positive(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new RebuildOptions(sizes, repeat);
    }

    private static List<HistorySize> sizes(String text) {
        List<HistorySize> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            sizes.add(HistorySize.parse(part));
        }
        return List.copyOf(sizes);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(required(option, value));
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + n);
        }
        return n;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }
}
