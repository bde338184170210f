package com.wmsanalytics.replication.failover;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.preflight.FailoverPreflight;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.server.ServerProbe;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Before setup points an existing subscription at another host of its publisher (the standby
 * promoted after a failover), checks that the subscription's slot is there and usable. After a
 * promotion only the slots that were synchronised from the old primary are there, with
 * {@code synced} and {@code failover} true; without one the subscription cannot go on.
 */
public final class NewPrimarySlot {

    private final PublisherConfig publisher;
    private final DSLContext db;

    /** @param db the publisher's current primary */
    public NewPrimarySlot(PublisherConfig publisher, DSLContext db) {
        this.publisher = publisher;
        this.db = db;
    }

    /** Why the subscription cannot go on from {@code address} with {@code slot}; empty when it can. */
    public Optional<Finding> check(String slot, String address) {
        boolean pg17 = new ServerProbe(db).versionNum() >= FailoverPreflight.PG17;
        Record r = db.fetchOne(
                (pg17
                                ? "SELECT failover, synced, coalesce(invalidation_reason, '') AS invalidation"
                                : "SELECT false AS failover, false AS synced, '' AS invalidation")
                        + ", coalesce(wal_status, '') AS wal_status FROM pg_replication_slots WHERE slot_name = ? AND slot_type = 'logical'",
                slot);
        String where = "slot " + slot + " on the new primary " + address;
        if (r == null) {
            return problem(where + " does not exist: it was not synchronised from the old primary before the failover");
        }
        String invalidation = r.get("invalidation", String.class);
        if (!invalidation.isEmpty() || "lost".equals(r.get("wal_status", String.class))) {
            String reason = invalidation.isEmpty() ? "wal_status lost" : invalidation;
            return problem(where + " is invalidated (" + reason + ")");
        }
        if (pg17 && publisher.failover() && !r.get("failover", Boolean.class)) {
            return problem(where + " is not a failover slot (synced = " + r.get("synced", Boolean.class)
                    + "), so it does not hold the subscription's position");
        }
        return Optional.empty();
    }

    private Optional<Finding> problem(String problem) {
        return Optional.of(new Finding(
                "publisher " + publisher.name(),
                problem + ", so subscription " + publisher.subscription() + " cannot go on from there",
                "the changes since the slot was last synchronised cannot be streamed: run setup --resync to copy"
                        + " the tables again from the new primary"));
    }
}
