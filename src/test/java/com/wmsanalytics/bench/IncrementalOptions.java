package com.wmsanalytics.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link IncrementalBenchmark}.
 *
 * @param sizes the histories, each measured on fresh servers, in this order
 * @param repeat appended days per size, and trials of each apply measurement with and without capture
 * @param parallelism {@code refresh.parallelism}; empty keeps the tool's default
 * @param applyDays generated days in one realistic bulk of the apply measurement; 0 skips the apply measurement
 * @param worstLines order lines in one worst-case bulk (one for recent orders, one for the oldest); 0 skips them
 */
record IncrementalOptions(
        List<HistorySize> sizes, int repeat, Optional<Integer> parallelism, int applyDays, int worstLines) {

    static final String USAGE = "usage: IncrementalBenchmark [--sizes ORDERS:DAYS[,ORDERS:DAYS...]] [--repeat R]"
            + " [--parallelism P] [--apply-days D] [--worst-lines N]";

    static IncrementalOptions parse(String[] args) {
        List<HistorySize> sizes = List.of(new HistorySize(100_000, 120), new HistorySize(1_000_000, 1_200));
        int repeat = 3;
        Optional<Integer> parallelism = Optional.empty();
        int applyDays = 10;
        int worstLines = 200_000;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sizes" -> sizes = sizes(required(args[i], value));
                case "--repeat" -> repeat = atLeast(args[i], value, 1);
                case "--parallelism" -> parallelism = Optional.of(atLeast(args[i], value, 1));
                case "--apply-days" -> applyDays = atLeast(args[i], value, 0);
                case "--worst-lines" -> worstLines = atLeast(args[i], value, 0);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (worstLines % WorstCaseBulk.LINES_PER_ORDER != 0) {
            throw new IllegalArgumentException("--worst-lines must be a multiple of " + WorstCaseBulk.LINES_PER_ORDER);
        }
        return new IncrementalOptions(sizes, repeat, parallelism, applyDays, worstLines);
    }

    private static List<HistorySize> sizes(String text) {
        List<HistorySize> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            sizes.add(HistorySize.parse(part));
        }
        return List.copyOf(sizes);
    }

    private static int atLeast(String option, String value, int min) {
        int n = Integer.parseInt(required(option, value));
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + n);
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
