package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A BI reader on a connection of its own: runs a query again and again, a fresh statement
 * about every 5 ms, and times each one, until stopped.
 */
final class Reader implements AutoCloseable {

    static final long PAUSE_MS = 5;

    /** One query, by the monotonic clock. */
    record Sample(long startNanos, long endNanos) {
        Duration latency() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        boolean overlaps(long fromNanos, long toNanos) {
            return endNanos >= fromNanos && startNanos <= toNanos;
        }
    }

    private final Connection connection;
    private final String sql;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    private Reader(Connection connection, String sql) {
        this.connection = connection;
        this.sql = sql;
        this.thread = new Thread(this::loop, "reader");
        this.thread.setDaemon(true);
    }

    static Reader start(Connection connection, String sql) {
        Reader reader = new Reader(connection, sql);
        reader.thread.start();
        return reader;
    }

    private void loop() {
        try {
            while (running) {
                sample();
                Thread.sleep(PAUSE_MS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
        }
        Sample sample = new Sample(start, System.nanoTime());
        synchronized (samples) {
            samples.add(sample);
        }
    }

    /** Waits until the reader has run {@code count} queries, so that it is warm. */
    void awaitSamples(int count) throws InterruptedException {
        while (thread.isAlive() && size() < count) {
            Thread.sleep(PAUSE_MS);
        }
    }

    private int size() {
        synchronized (samples) {
            return samples.size();
        }
    }

    /** Stops after the query in flight and returns every sample; safe to call twice. */
    List<Sample> stop() throws SQLException {
        halt();
        if (failure != null) {
            throw failure;
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        halt();
    }

    private void halt() {
        running = false;
        try {
            thread.join(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
