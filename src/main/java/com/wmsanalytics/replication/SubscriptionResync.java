package com.wmsanalytics.replication;

import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.config.PublisherConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * Clears the way for a subscription's tables to be copied again. {@code ALTER SUBSCRIPTION ...
 * REFRESH PUBLICATION WITH (copy_data = true)} copies only tables new to the subscription, so
 * the subscription is dropped with its slot, once its walsender has let go of the slot, and its
 * mirror tables are truncated; {@link SubscriptionSync} then creates it anew, which copies every
 * table in its initial synchronisation.
 */
final class SubscriptionResync {

    private static final Duration SLOT_RELEASE = Duration.ofSeconds(30);

    private final DSLContext replica;
    private final Clock clock;

    SubscriptionResync(DSLContext replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
    }

    /** Returns one line per change. */
    List<String> clear(PublisherConfig p, DSLContext publisher, List<String> tables) {
        String sub = p.subscription();
        String slot = replica.fetchOne(
                        "SELECT s.subslotname FROM pg_subscription s WHERE s.subname = ? AND "
                                + ThisDatabase.SUBSCRIPTION,
                        sub)
                .get(0, String.class);
        replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(sub)));
        awaitSlotReleased(publisher, slot);
        replica.execute(query("DROP SUBSCRIPTION {0}", name(sub)));
        replica.execute(query(
                "TRUNCATE {0}",
                list(tables.stream().map(SubscriptionResync::qualified).toArray(Name[]::new))));
        return List.of(
                "dropped subscription " + sub + " and its slot " + slot + " to copy its tables again",
                "emptied the " + tables.size() + " mirror tables of subscription " + sub);
    }

    private void awaitSlotReleased(DSLContext publisher, String slot) {
        Instant deadline = clock.instant().plus(SLOT_RELEASE);
        while (publisher.fetchExists(
                publisher.selectOne().from("pg_replication_slots").where("slot_name = ? AND active", slot))) {
            if (clock.instant().isAfter(deadline)) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        "slot " + slot + " is still in use on the publisher "
                                + SLOT_RELEASE.toSeconds()
                                + " s after its subscription was disabled; is another node still"
                                + " applying it? Stop that node and run setup --resync again");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while waiting for slot " + slot, e);
            }
        }
    }

    private static Name qualified(String table) {
        String[] parts = table.split("\\.", 2);
        return name(parts[0], parts[1]);
    }
}
