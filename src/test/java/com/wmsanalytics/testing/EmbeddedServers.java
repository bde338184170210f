package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.time.Duration;

/** Waiting on a test server's data, with a deadline. */
public final class EmbeddedServers {

    private EmbeddedServers() {}

    /** Polls until {@code sql} answers true on {@code server}; fails with the query after {@code timeout}. */
    public static void await(EmbeddedServer server, String database, String sql, Duration timeout) {
        Await.until(server.name() + ": " + sql, timeout, () -> "t".equals(server.queryValue(database, sql)));
    }
}
