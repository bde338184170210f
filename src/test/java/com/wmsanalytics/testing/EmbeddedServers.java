package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.time.Duration;

/** Waiting on a test server's data, with a deadline. */
public final class EmbeddedServers {

    private EmbeddedServers() {}

    /** Polls until {@code sql} answers true on {@code server}; fails with the query after {@code timeout}. */
    public static void await(EmbeddedServer server, String database, String sql, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"t".equals(server.queryValue(database, sql))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.name() + ": still false after " + timeout.toSeconds() + " s: " + sql);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + sql, e);
            }
        }
    }
}
