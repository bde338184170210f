package com.wmsanalytics.replication;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.db.ErrorMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
final class SlotFailover {

    private static final Duration SLOT_RELEASE = Duration.ofSeconds(30);

    private final DSLContext replica;
    private final DSLContext publisher;
    private final Clock clock;

    SlotFailover(DSLContext replica, DSLContext publisher, Clock clock) {
        this.replica = replica;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Returns the change, empty when the subscription has failover already. */
    Optional<String> ensure(String sub) {
        Record row = replica.fetchOne(
                "SELECT s.subfailover, s.subenabled, s.subslotname FROM pg_subscription s WHERE s.subname = ? AND "
                        + ThisDatabase.SUBSCRIPTION,
                sub);
        if (row.get(0, Boolean.class)) {
            return Optional.empty();
        }
        boolean enabled = row.get(1, Boolean.class);
        if (enabled) {
            replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(sub)));
        }
        try {
            awaitSlotReleased(row.get(2, String.class));
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

    private void awaitSlotReleased(String slot) {
        Instant deadline = clock.instant().plus(SLOT_RELEASE);
        while (publisher.fetchExists(
                publisher.selectOne().from("pg_replication_slots").where("slot_name = ? AND active", slot))) {
            if (clock.instant().isAfter(deadline)) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        "slot " + slot + " is still in use on the publisher " + SLOT_RELEASE.toSeconds()
                                + " s after its subscription was disabled; is another node applying it? Stop it"
                                + " and run setup again");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while waiting for slot " + slot, e);
            }
        }
    }
}
