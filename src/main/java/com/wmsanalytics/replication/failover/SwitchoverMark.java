package com.wmsanalytics.replication.failover;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Where a subscription stopped for a planned switchover ({@code setup --switchover}), as the old
 * node recorded it in {@code analytics_control.subscription_switchover} and its standbys replayed it.
 *
 * @param timeline the old node's timeline when it stopped the subscription
 * @param originLsn the subscription's replication origin then: the end of the last transaction applied
 * @param slotLsn its slot's {@code confirmed_flush_lsn} on the publisher then, once no walsender held the slot
 */
public record SwitchoverMark(String subscription, int timeline, String originLsn, String slotLsn) {

    static Optional<SwitchoverMark> read(DSLContext replica, String subscription) {
        return replica.fetchOptional(
                        "SELECT subscription, timeline, origin_lsn::text AS origin_lsn, slot_lsn::text AS slot_lsn"
                                + " FROM analytics_control.subscription_switchover WHERE subscription = ?",
                        subscription)
                .map(SwitchoverMark::of);
    }

    private static SwitchoverMark of(Record r) {
        return new SwitchoverMark(
                r.get("subscription", String.class),
                r.get("timeline", Integer.class),
                r.get("origin_lsn", String.class),
                r.get("slot_lsn", String.class));
    }

    /** Records the mark, replacing an older one of the subscription. */
    void write(DSLContext replica) {
        replica.execute(
                "INSERT INTO analytics_control.subscription_switchover (subscription, timeline, origin_lsn, slot_lsn)"
                        + " VALUES (?, ?, ?::pg_lsn, ?::pg_lsn) ON CONFLICT (subscription) DO UPDATE SET"
                        + " timeline = excluded.timeline, origin_lsn = excluded.origin_lsn,"
                        + " slot_lsn = excluded.slot_lsn, recorded_at = now()",
                subscription,
                timeline,
                originLsn,
                slotLsn);
    }

    void delete(DSLContext replica) {
        forget(replica, subscription);
    }

    /** Removes the subscription's mark, if it has one. */
    public static void forget(DSLContext replica, String subscription) {
        replica.execute("DELETE FROM analytics_control.subscription_switchover WHERE subscription = ?", subscription);
    }
}
