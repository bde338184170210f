package com.wmsanalytics.replication.setup;

import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.failover.SlotRelease;
import com.wmsanalytics.replication.failover.SwitchoverMark;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Clock;
import java.util.ArrayList;
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

    private final DSLContext replica;
    private final Clock clock;

    SubscriptionResync(DSLContext replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
    }

    /**
     * Returns one line per change. A subscription an interrupted resync already dropped is not
     * there to drop; its tables are emptied all the same.
     */
    List<String> clear(PublisherConfig p, DSLContext publisher, List<String> tables) {
        String sub = p.subscription();
        List<String> changes = new ArrayList<>();
        replica.fetchOptional(
                        "SELECT s.subslotname FROM pg_subscription s WHERE s.subname = ? AND "
                                + ThisDatabase.SUBSCRIPTION,
                        sub)
                .map(r -> r.get("subslotname", String.class))
                .ifPresent(slot -> {
                    replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(sub)));
                    SlotRelease.await(publisher, slot, clock, "setup --resync");
                    replica.execute(query("DROP SUBSCRIPTION {0}", name(sub)));
                    changes.add("dropped subscription " + sub + " and its slot " + slot + " to copy its tables again");
                });
        SwitchoverMark.forget(replica, sub);
        replica.execute(query(
                "TRUNCATE {0}",
                list(tables.stream().map(SubscriptionResync::qualified).toArray(Name[]::new))));
        changes.add("emptied the " + tables.size() + " mirror tables of subscription " + sub);
        return changes;
    }

    private static Name qualified(String table) {
        String[] parts = table.split("\\.", 2);
        return name(parts[0], parts[1]);
    }
}
