package com.wmsanalytics.replication.failover;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Finds the subscriptions a promotion of the replica may have cut short: those whose replica is
 * on another timeline than the one they were last known whole on.
 *
 * <p>Comparing the subscription's origin with its slot's confirmed position tells nothing once
 * the promoted node has applied a single transaction: the apply worker resumes within seconds,
 * the first transaction carries the origin past the old confirmed position, and the skipped
 * transactions leave no trace. So no comparison is trusted after the fact: a new timeline is a
 * gap unless the old node recorded, with {@code setup --switchover}, where it stopped, and then
 * only {@code setup} may clear it, after checking that mark. Reads only the replica's timeline,
 * {@code pg_subscription} and two control tables, which the refresher role may read.
 */
public final class GapCheck {

    private final DSLContext replica;
    private final List<PublisherConfig> publishers;
    private final SubscriptionTimeline timelines;

    public GapCheck(DSLContext replica, List<PublisherConfig> publishers) {
        this.replica = replica;
        this.publishers = List.copyOf(publishers);
        this.timelines = new SubscriptionTimeline(replica);
    }

    /** Refuses with the first gap found, naming the subscription and the command that clears it. */
    public void requireNone() {
        find().stream().findFirst().ifPresent(gap -> {
            throw new ResyncNeededException(gap);
        });
    }

    /** The subscriptions with a gap. A subscription with no recorded timeline gets the current one. */
    public List<SubscriptionGap> find() {
        return publishers.stream().flatMap(p -> check(p).stream()).toList();
    }

    /**
     * The gap of one publisher's subscription, if it has one. A standby is not judged: nothing
     * is refreshed there, and its timeline is the one it replays. A subscription that is missing
     * while its recorded timeline is an older one is still a gap: {@code setup --resync} has
     * dropped it and not yet copied its tables again, so the mirror is not whole.
     */
    public Optional<SubscriptionGap> check(PublisherConfig p) {
        if (replica.fetchOne("SELECT pg_is_in_recovery() AS standby").get("standby", Boolean.class)) {
            return Optional.empty();
        }
        boolean exists = replica.fetchExists(replica.selectOne()
                .from("pg_subscription s")
                .where("s.subname = ? AND " + ThisDatabase.SUBSCRIPTION, p.subscription()));
        Optional<Integer> recorded = timelines.recorded(p.subscription());
        if (recorded.isEmpty()) {
            if (exists) {
                timelines.recordIfAbsent(p.subscription());
            }
            return Optional.empty();
        }
        int current = timelines.current();
        if (recorded.get() == current) {
            return Optional.empty();
        }
        Optional<SwitchoverMark> mark = exists
                ? SwitchoverMark.read(replica, p.subscription()).filter(m -> m.timeline() == recorded.get())
                : Optional.empty();
        return Optional.of(new SubscriptionGap(p.name(), p.subscription(), current, recorded.get(), mark));
    }
}
