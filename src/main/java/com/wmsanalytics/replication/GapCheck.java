package com.wmsanalytics.replication;

import com.wmsanalytics.config.PublisherConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Finds the gap a promoted standby of the replica leaves: a subscription whose replication
 * origin ({@code pg_replication_origin_status.remote_lsn}, origin {@code pg_<subscription oid>})
 * is behind its slot's {@code confirmed_flush_lsn} on the publisher, on a timeline other than the
 * one the subscription was last known whole on. On that timeline itself an origin behind the
 * slot is normal: the subscriber confirms WAL without published changes as it streams it.
 * While the timeline is unchanged the publishers are not asked.
 */
public final class GapCheck {

    private final DSLContext replica;
    private final List<PublisherConfig> publishers;
    private final Function<String, DSLContext> publisher;
    private final SubscriptionTimeline timelines;

    /** @param publisher the connection to a publisher, by name; opened only when a timeline changed */
    public GapCheck(DSLContext replica, List<PublisherConfig> publishers, Function<String, DSLContext> publisher) {
        this.replica = replica;
        this.publishers = List.copyOf(publishers);
        this.publisher = publisher;
        this.timelines = new SubscriptionTimeline(replica);
    }

    /** Refuses with the first gap found, naming the subscription and {@code setup --resync}. */
    public void requireNone() {
        find().stream().findFirst().ifPresent(gap -> {
            throw new ResyncNeededException(gap);
        });
    }

    /**
     * The subscriptions with a gap. A subscription with no recorded timeline gets the current
     * one; one found whole on a new timeline gets the new one.
     */
    public List<SubscriptionGap> find() {
        return publishers.stream().flatMap(p -> check(p).stream()).toList();
    }

    private Optional<SubscriptionGap> check(PublisherConfig p) {
        Record sub = replica.fetchOne(
                "SELECT s.subslotname, coalesce(o.remote_lsn, '0/0')::text FROM pg_subscription s"
                        + " LEFT JOIN pg_replication_origin_status o ON o.external_id = 'pg_' || s.oid"
                        + " WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                p.subscription());
        if (sub == null) {
            return Optional.empty();
        }
        Optional<Integer> recorded = timelines.recorded(p.subscription());
        if (recorded.isEmpty()) {
            timelines.recordIfAbsent(p.subscription());
            return Optional.empty();
        }
        int current = timelines.current();
        if (recorded.get() == current) {
            return Optional.empty();
        }
        String origin = sub.get(1, String.class);
        Record slot = publisher
                .apply(p.name())
                .fetchOne(
                        "SELECT confirmed_flush_lsn::text,"
                                + " coalesce(confirmed_flush_lsn > ?::pg_lsn, false) FROM pg_replication_slots WHERE slot_name = ?",
                        origin,
                        sub.get(0, String.class));
        if (slot == null) {
            return Optional.empty();
        }
        if (!slot.get(1, Boolean.class)) {
            timelines.record(p.subscription());
            return Optional.empty();
        }
        return Optional.of(new SubscriptionGap(
                p.name(), p.subscription(), current, recorded.get(), origin, slot.get(0, String.class)));
    }
}
