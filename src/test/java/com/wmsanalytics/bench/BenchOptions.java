package com.wmsanalytics.bench;

import java.util.Optional;

/**
 * The benchmark's command line.
 *
 * @param orders orders to generate over 120 days (fixed seed)
 * @param repeat how many times each measurement is repeated
 * @param view the view for the reader-blocking measurement; empty picks the slowest to refresh
 * @param parallelism {@code refresh.parallelism}; empty keeps the tool's default
 */
record BenchOptions(int orders, int repeat, Optional<String> view, Optional<Integer> parallelism) {

    static final String USAGE =
            "usage: RefreshBenchmark [--orders N] [--repeat R] [--view schema.view] [--parallelism P]";

    static BenchOptions parse(String[] args) {
        int orders = 20_000;
        int repeat = 5;
        Optional<String> view = Optional.empty();
        Optional<Integer> parallelism = Optional.empty();
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--orders" -> orders = positive(args[i], value);
                case "--repeat" -> repeat = positive(args[i], value);
                case "--view" -> view = Optional.of(required(args[i], value));
                case "--parallelism" -> parallelism = Optional.of(positive(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new BenchOptions(orders, repeat, view, parallelism);
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
