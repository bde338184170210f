package com.wmsanalytics.replication.gate;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.failover.GapCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A snapshot of one subscription for {@code status}, the page and the metrics: is it there and
 * enabled, does its apply worker run, how far behind is it, what errors has it hit, and what
 * its slot holds on the publisher.
 *
 * @param state {@code missing}, {@code disabled}, {@code worker down}, {@code initial copy},
 *     {@code unreachable} (the publisher), {@code streaming}, or the walsender's state
 * @param applyErrors apply errors so far (PostgreSQL 15+)
 * @param slotStatus the slot's {@code wal_status}: reserved, extended, unreserved or lost
 * @param replayLag the walsender's {@code replay_lag}; zero when it is caught up and idle
 *     (PostgreSQL then shows NULL), empty when no walsender serves the subscription
 * @param retainedWal bytes of WAL the slot holds on the publisher
 * @param safeWalSize bytes the publisher may still write before the slot is lost; empty when
 *     {@code max_slot_wal_keep_size = -1} (no limit)
 * @param gap why refreshes are refused after a promotion of the replica, and the fix (see
 *     {@link GapCheck}); the state is then {@code gap}, or {@code switched over} until {@code setup}
 */
public record SubscriptionState(
        String publisher,
        String subscription,
        String state,
        Optional<Long> bytesBehind,
        Optional<Long> applyErrors,
        Optional<String> slotStatus,
        Optional<Duration> replayLag,
        Optional<Long> retainedWal,
        Optional<Long> safeWalSize,
        Optional<String> gap) {

    /** A subscription without a gap. */
    public SubscriptionState(
            String publisher,
            String subscription,
            String state,
            Optional<Long> bytesBehind,
            Optional<Long> applyErrors,
            Optional<String> slotStatus,
            Optional<Duration> replayLag,
            Optional<Long> retainedWal,
            Optional<Long> safeWalSize) {
        this(
                publisher,
                subscription,
                state,
                bytesBehind,
                applyErrors,
                slotStatus,
                replayLag,
                retainedWal,
                safeWalSize,
                Optional.empty());
    }

    /** The state of a subscription whose publisher cannot be reached; a gap is read from the replica alone. */
    public static SubscriptionState unreachable(DSLContext replica, PublisherConfig p) {
        return withGap(bare(p, "unreachable"), replica, p);
    }

    /** The same state, but {@code gap} or {@code switched over} with the reason when the subscription has a gap. */
    private static SubscriptionState withGap(SubscriptionState s, DSLContext replica, PublisherConfig p) {
        return new GapCheck(replica, List.of(p))
                .check(p)
                .map(g -> new SubscriptionState(
                        s.publisher(),
                        s.subscription(),
                        g.switchedOver() ? "switched over" : "gap",
                        s.bytesBehind(),
                        s.applyErrors(),
                        s.slotStatus(),
                        s.replayLag(),
                        s.retainedWal(),
                        s.safeWalSize(),
                        Optional.of(g.message())))
                .orElse(s);
    }

    private static SubscriptionState bare(PublisherConfig p, String state) {
        return new SubscriptionState(
                p.name(),
                p.subscription(),
                state,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** Reads the state of one publisher's subscription. */
    public static SubscriptionState read(DSLContext replica, PublisherConfig p, DSLContext publisher) {
        SubscriptionProbe probe = new SubscriptionProbe(replica, publisher, p.subscription());
        Optional<SubscriptionProbe.ReplicaSide> side = probe.replicaSide();
        if (side.isEmpty()) {
            return bare(p, "missing");
        }
        Optional<SubscriptionProbe.PublisherSide> sender =
                probe.canReadLsns() ? probe.publisherSide(probe.target().lsn()) : Optional.empty();
        Optional<SubscriptionProbe.Slot> slot = probe.slot(side.get().slotName());
        return withGap(
                new SubscriptionState(
                        p.name(),
                        p.subscription(),
                        state(side.get(), sender),
                        sender.map(SubscriptionProbe.PublisherSide::bytesBehind),
                        probe.applyErrors(),
                        slot.map(SubscriptionProbe.Slot::walStatus),
                        sender.map(SubscriptionState::lag),
                        slot.map(SubscriptionProbe.Slot::retainedBytes),
                        slot.map(SubscriptionProbe.Slot::safeWalSize)),
                replica,
                p);
    }

    private static Duration lag(SubscriptionProbe.PublisherSide sender) {
        Double seconds = sender.replayLagSeconds();
        return seconds == null ? Duration.ZERO : Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String state(SubscriptionProbe.ReplicaSide side, Optional<SubscriptionProbe.PublisherSide> sender) {
        if (!side.enabled()) {
            return "disabled";
        }
        if (side.applyPid() == null) {
            return "worker down";
        }
        if (side.tablesNotReady() > 0) {
            return "initial copy";
        }
        return sender.map(SubscriptionProbe.PublisherSide::state).orElse("not connected");
    }
}
