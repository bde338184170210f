package com.wmsanalytics.replication;

import com.wmsanalytics.config.PublisherConfig;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A snapshot of one subscription for {@code status}: is it there and enabled, does its apply
 * worker run, how far behind is it, what errors has it hit.
 *
 * @param state {@code missing}, {@code disabled}, {@code worker down}, {@code initial copy},
 *     {@code unreachable} (the publisher), {@code streaming}, or the walsender's state
 * @param applyErrors apply errors so far (PostgreSQL 15+)
 */
public record SubscriptionState(
        String publisher,
        String subscription,
        String state,
        Optional<Long> bytesBehind,
        Optional<Long> applyErrors,
        Optional<String> slotStatus) {

    /** The state of a subscription whose publisher cannot be reached. */
    public static SubscriptionState unreachable(PublisherConfig p) {
        return new SubscriptionState(p.name(), p.subscription(), "unreachable", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads the state of one publisher's subscription. */
    public static SubscriptionState read(DSLContext replica, PublisherConfig p, DSLContext publisher) {
        SubscriptionProbe probe = new SubscriptionProbe(replica, publisher, p.subscription());
        Optional<SubscriptionProbe.ReplicaSide> side = probe.replicaSide();
        if (side.isEmpty()) {
            return new SubscriptionState(p.name(), p.subscription(), "missing", Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<SubscriptionProbe.PublisherSide> sender = probe.canReadLsns()
                ? probe.publisherSide(probe.target().lsn()) : Optional.empty();
        return new SubscriptionState(p.name(), p.subscription(), state(side.get(), sender),
                sender.map(SubscriptionProbe.PublisherSide::bytesBehind), probe.applyErrors(),
                probe.slotWalStatus(side.get().slotName()));
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
