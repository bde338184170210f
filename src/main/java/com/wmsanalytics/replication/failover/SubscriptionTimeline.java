package com.wmsanalytics.replication.failover;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The replica's timeline, and the one each subscription was last known whole on
 * ({@code analytics_control.subscription_timeline}).
 */
public final class SubscriptionTimeline {

    private final DSLContext replica;

    public SubscriptionTimeline(DSLContext replica) {
        this.replica = replica;
    }

    /** The timeline the writable replica writes WAL on now; a promotion or a point-in-time recovery starts a new one. */
    int current() {
        return replica.fetchOne(
                        "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int AS timeline")
                .get("timeline", Integer.class);
    }

    Optional<Integer> recorded(String subscription) {
        return replica.fetchOptional(
                        "SELECT timeline FROM analytics_control.subscription_timeline WHERE subscription = ?",
                        subscription)
                .map(r -> r.get("timeline", Integer.class));
    }

    /** Records the current timeline for a subscription that has none yet. */
    public void recordIfAbsent(String subscription) {
        replica.execute(
                "INSERT INTO analytics_control.subscription_timeline (subscription, timeline) VALUES (?, ?)"
                        + " ON CONFLICT (subscription) DO NOTHING",
                subscription,
                current());
    }

    /** Records the current timeline: the subscription holds everything its slot confirmed. */
    public void record(String subscription) {
        replica.execute(
                "INSERT INTO analytics_control.subscription_timeline (subscription, timeline) VALUES (?, ?)"
                        + " ON CONFLICT (subscription) DO UPDATE SET timeline = excluded.timeline, recorded_at = now()",
                subscription,
                current());
    }
}
