package com.wmsanalytics.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Wall time of a piece of work, from the monotonic clock. */
final class Stopwatch {

    /** A result and how long it took to produce. */
    record Timed<T>(T value, Duration elapsed) {}

    private Stopwatch() {}

    static <T> Timed<T> time(Callable<T> work) throws Exception {
        long start = System.nanoTime();
        T value = work.call();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }
}
