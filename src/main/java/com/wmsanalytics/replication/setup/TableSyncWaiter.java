package com.wmsanalytics.replication.setup;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Waits until every table of a subscription has finished its initial copy (state {@code r}). */
final class TableSyncWaiter {

    /** Told how far the initial copy has come. */
    interface Progress {
        void tablesReady(String subscription, int ready, int total);
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final DSLContext db;
    private final Clock clock;

    TableSyncWaiter(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Returns the number of tables, once all are ready. */
    int await(String subscription, Duration timeout, Progress progress) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Record r = db.fetchOne(
                    "SELECT count(*) FILTER (WHERE sr.srsubstate = 'r')::int AS ready, count(*)::int AS total"
                            + " FROM pg_subscription_rel sr JOIN pg_subscription s ON s.oid = sr.srsubid"
                            + " WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                    subscription);
            int ready = r.get("ready", Integer.class);
            int total = r.get("total", Integer.class);
            progress.tablesReady(subscription, ready, total);
            if (ready == total) {
                return total;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        "subscription " + subscription + ": only " + ready + " of "
                                + total + " tables finished their initial copy within " + timeout
                                + "; see the replica's log (wms-analytics.setup.sync-timeout sets the wait)");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while waiting for the initial table copy", e);
        }
    }
}
