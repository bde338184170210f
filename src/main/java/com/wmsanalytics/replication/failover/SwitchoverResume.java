package com.wmsanalytics.replication.failover;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The new node's half of a planned switchover, run by {@code setup} before it enables the
 * subscriptions. A switchover mark for the timeline the subscription was last known whole on
 * proves that this node holds what the old one held when it stopped, provided that nothing moved
 * since: the subscription is still disabled at the mark's origin, and the slot has confirmed
 * nothing beyond the mark (no other node applied more). Then the new timeline is recorded and the
 * mark removed, and {@code setup} enables the subscription. A mark on this node's own timeline is
 * a switchover that was not carried out: it is removed and the subscription resumes here.
 */
public final class SwitchoverResume {

    private final DSLContext replica;

    public SwitchoverResume(DSLContext replica) {
        this.replica = replica;
    }

    /**
     * What was resumed, if this subscription had a switchover mark.
     *
     * @throws ResyncNeededException when the mark no longer describes this node and the slot
     */
    public Optional<String> resume(PublisherConfig p, DSLContext publisher) {
        Optional<SwitchoverMark> found = SwitchoverMark.read(replica, p.subscription());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SwitchoverMark mark = found.get();
        SubscriptionTimeline timelines = new SubscriptionTimeline(replica);
        int current = timelines.current();
        if (mark.timeline() == current) {
            mark.delete(replica);
            return Optional.of(
                    "the switchover was not carried out: subscription " + p.subscription() + " resumes on this node");
        }
        Optional<SubscriptionGap> gap = new GapCheck(replica, List.of(p)).check(p);
        if (gap.isEmpty() || !gap.get().switchedOver()) {
            return Optional.empty();
        }
        Record sub = replica.fetchOne(
                "SELECT s.subenabled AS enabled, s.subslotname::text AS slot, coalesce((SELECT o.remote_lsn"
                        + " FROM pg_replication_origin_status o WHERE o.external_id = 'pg_' || s.oid), '0/0')::text"
                        + " AS origin FROM pg_subscription s WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                p.subscription());
        Record slot = publisher.fetchOne(
                "SELECT confirmed_flush_lsn::text AS lsn, active, coalesce(confirmed_flush_lsn <= ?::pg_lsn, false)"
                        + " AS unmoved FROM pg_replication_slots WHERE slot_name = ?",
                mark.slotLsn(),
                sub.get("slot", String.class));
        String origin = sub.get("origin", String.class);
        String where = "subscription " + p.subscription() + " (publisher " + p.name() + ")";
        if (sub.get("enabled", Boolean.class) || !origin.equals(mark.originLsn())) {
            throw new ResyncNeededException(where + " was enabled on this node after the switchover (its origin is at "
                    + origin + ", the mark at " + mark.originLsn() + "), so the mark proves nothing; run"
                    + " 'wms-analytics setup --resync' to copy its tables again");
        }
        if (slot == null || slot.get("active", Boolean.class) || !slot.get("unmoved", Boolean.class)) {
            throw new ResyncNeededException(where + " cannot resume after the switchover: its slot "
                    + (slot == null
                            ? "is gone from the publisher"
                            : slot.get("active", Boolean.class)
                                    ? "is in use by another node"
                                    : "confirmed " + slot.get("lsn", String.class) + " since the switchover recorded "
                                            + mark.slotLsn() + ", so another node applied transactions this one lacks")
                    + "; stop the old node and run 'wms-analytics setup --resync' to copy its tables again");
        }
        timelines.record(p.subscription());
        mark.delete(replica);
        return Optional.of("subscription " + p.subscription() + " resumes after the switchover: it stopped at " + origin
                + " on the old node (timeline " + mark.timeline() + ") and its slot has confirmed nothing since");
    }
}
