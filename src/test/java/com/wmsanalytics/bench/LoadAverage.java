package com.wmsanalytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's one-minute load average, from {@code /proc/loadavg}, sampled as the benchmark
 * goes: other work on the machine shows in the figures, so the summary says how busy it was.
 */
final class LoadAverage {

    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private final List<Double> samples = new ArrayList<>();

    /** Samples the load now and returns it as text, or {@code ?} where it cannot be read. */
    String sample() {
        try {
            double load = Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
            synchronized (samples) {
                samples.add(load);
            }
            return String.format(Locale.ROOT, "%.2f", load);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** {@code min / median / max} of the samples so far. */
    String text() {
        List<Double> sorted;
        synchronized (samples) {
            sorted = samples.stream().sorted().toList();
        }
        if (sorted.isEmpty()) {
            return "not available";
        }
        return String.format(
                Locale.ROOT,
                "%.2f / %.2f / %.2f (%d samples)",
                sorted.get(0),
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1),
                sorted.size());
    }
}
