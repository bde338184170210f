package com.wmsanalytics.replication.failover;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Turns slot failover on for an existing subscription (PostgreSQL 17). {@code ALTER SUBSCRIPTION
 * ... SET (failover = true)} alters the slot on the publisher and needs the subscription
 * disabled and its walsender gone, so the subscription is disabled, the slot awaited, the
 * option set, and the subscription enabled again whatever happens. It resumes from its
 * origin, so nothing is lost or applied twice.
 */
public final class SlotFailover {

    private final DSLContext replica;
    private final DSLContext publisher;
    private final Clock clock;

    public SlotFailover(DSLContext replica, DSLContext publisher, Clock clock) {
        this.replica = replica;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Returns the change, empty when the subscription has failover already. */
    public Optional<String> ensure(String sub) {
        Record row = replica.fetchOne(
                "SELECT s.subfailover, s.subenabled, s.subslotname FROM pg_subscription s WHERE s.subname = ? AND "
                        + ThisDatabase.SUBSCRIPTION,
                sub);
        if (row.get("subfailover", Boolean.class)) {
            return Optional.empty();
        }
        boolean enabled = row.get("subenabled", Boolean.class);
        if (enabled) {
            replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(sub)));
        }
        try {
            SlotRelease.await(publisher, row.get("subslotname", String.class), clock, "setup");
            replica.execute(query("ALTER SUBSCRIPTION {0} SET (failover = true)", name(sub)));
        } catch (DataAccessException e) {
            throw new WmsAnalyticsException(
                    ExitCode.FAILED,
                    "cannot turn on slot failover for subscription " + sub + ": " + ErrorMessages.serverMessage(e),
                    e);
        } finally {
            if (enabled) {
                replica.execute(query("ALTER SUBSCRIPTION {0} ENABLE", name(sub)));
            }
        }
        return Optional.of("subscription " + sub + " now has slot failover");
    }
}
