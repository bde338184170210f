package com.wmsanalytics.replication.setup;

import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.config.PublisherConfig;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * Clears the way for a subscription whose slot did not survive its publisher's failover to be
 * created anew on the new primary: it is disabled, detached from the slot ({@code slot_name =
 * NONE}) so that dropping it does not reach for the old primary, dropped, and its mirror tables
 * emptied; {@link SubscriptionSync} then creates it, which copies every table.
 */
final class SlotLostResync {

    private final DSLContext replica;

    SlotLostResync(DSLContext replica) {
        this.replica = replica;
    }

    /** Returns one line per change. */
    List<String> clear(PublisherConfig p, List<String> tables) {
        String sub = p.subscription();
        replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(sub)));
        replica.execute(query("ALTER SUBSCRIPTION {0} SET (slot_name = NONE)", name(sub)));
        replica.execute(query("DROP SUBSCRIPTION {0}", name(sub)));
        replica.execute(query(
                "TRUNCATE {0}",
                list(tables.stream().map(SlotLostResync::qualified).toArray(Name[]::new))));
        return List.of(
                "dropped subscription " + sub + ", whose slot was lost in the publisher's failover, to copy its"
                        + " tables again",
                "emptied the " + tables.size() + " mirror tables of subscription " + sub);
    }

    private static Name qualified(String table) {
        String[] parts = table.split("\\.", 2);
        return name(parts[0], parts[1]);
    }
}
