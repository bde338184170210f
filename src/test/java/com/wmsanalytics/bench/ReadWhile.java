package com.wmsanalytics.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Runs a piece of work while a {@link Reader} on a connection of its own runs a query. */
final class ReadWhile {

    /** The work's result, its wall time, and what the reader saw meanwhile. */
    record Result<T>(T value, Duration elapsed, ReaderLatency reader) {}

    private static final int WARM_UP_QUERIES = 10;

    private ReadWhile() {}

    static <T> Result<T> run(BenchStack bench, String readerSql, Callable<T> work) throws Exception {
        try (Connection connection = bench.replicaConnection();
                Reader reader = Reader.start(connection, readerSql)) {
            reader.awaitSamples(WARM_UP_QUERIES);
            long start = System.nanoTime();
            T value = work.call();
            long end = System.nanoTime();
            return new Result<>(value, Duration.ofNanos(end - start), ReaderLatency.of(reader.stop(), start, end));
        }
    }
}
