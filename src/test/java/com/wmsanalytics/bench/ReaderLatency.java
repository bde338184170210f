package com.wmsanalytics.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Reader} saw while something ran from {@code start} to {@code end} (monotonic
 * clock): its longest query among those overlapping that time, its usual (median) query
 * before, and how many queries overlapped.
 */
record ReaderLatency(Duration longest, Duration usual, int queries) {

    static ReaderLatency of(List<Reader.Sample> samples, long start, long end) {
        List<Duration> during = samples.stream()
                .filter(s -> s.overlaps(start, end))
                .map(Reader.Sample::latency)
                .toList();
        List<Duration> before = samples.stream()
                .filter(s -> s.endNanos() < start)
                .map(Reader.Sample::latency)
                .toList();
        return new ReaderLatency(
                during.isEmpty() ? Duration.ZERO : Stats.of(during).max(),
                before.isEmpty() ? Duration.ZERO : Stats.median(before),
                during.size());
    }
}
