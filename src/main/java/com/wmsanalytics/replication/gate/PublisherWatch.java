package com.wmsanalytics.replication.gate;

import com.wmsanalytics.replication.gate.CatchUp.Outcome;
import com.wmsanalytics.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The gate's watch over one publisher: polled until the subscription has applied
 * everything up to the target LSN, or until it can never get there.
 */
final class PublisherWatch {

    /**
     * How long the apply worker may be absent before the gate gives up on it. The launcher
     * starts it a moment after the subscription is enabled or the replica starts, and
     * restarts it after an error once {@code wal_retrieve_retry_interval} (5 s) has passed.
     */
    static final Duration APPLY_WORKER_GRACE = Duration.ofSeconds(10);

    private final String publisher;
    private final String subscription;
    private final String role;
    private final SubscriptionProbe probe;
    private final GateTarget target;
    private final Optional<Long> errorsAtStart;
    private final boolean canReadLsns;
    private final Instant start;
    private Long bytesBehindAtStart;
    private Instant workerMissingSince;
    private long bytesBehind;

    PublisherWatch(String publisher, String subscription, String role, SubscriptionProbe probe, Instant start) {
        this.publisher = publisher;
        this.subscription = subscription;
        this.role = role;
        this.probe = probe;
        this.start = start;
        this.target = probe.target();
        this.errorsAtStart = probe.applyErrors();
        this.canReadLsns = probe.canReadLsns();
    }

    long bytesBehind() {
        return bytesBehind;
    }

    /** The verdict, once there is one; empty while the replica is still catching up. */
    Optional<CatchUp> poll(Instant now) {
        if (!canReadLsns) {
            // Without pg_read_all_stats every column of pg_stat_replication but pid is NULL.
            return fail(
                    now,
                    Outcome.LSN_NOT_VISIBLE,
                    "publisher " + publisher + ": role " + role
                            + " cannot read replay_lsn in pg_stat_replication; GRANT pg_read_all_stats TO " + role);
        }
        Optional<SubscriptionProbe.ReplicaSide> replica = probe.replicaSide();
        if (replica.isEmpty()) {
            return fail(
                    now,
                    Outcome.SUBSCRIPTION_MISSING,
                    "subscription " + subscription + " does not exist on the replica; run setup");
        }
        if (!replica.get().enabled()) {
            return fail(
                    now,
                    Outcome.SUBSCRIPTION_DISABLED,
                    "subscription " + subscription + " is disabled; run setup or ALTER SUBSCRIPTION " + subscription
                            + " ENABLE");
        }
        if (workerDown(replica.get(), now)) {
            return fail(
                    now,
                    Outcome.APPLY_WORKER_DOWN,
                    "the apply worker of subscription " + subscription + " has not been" + " running for "
                            + APPLY_WORKER_GRACE.toSeconds() + " s; see the replica's log");
        }
        if (replica.get().applyPid() == null) {
            return Optional.empty();
        }
        Optional<Long> errors = probe.applyErrors();
        if (errorsAtStart.isPresent() && errors.isPresent() && errors.get() > errorsAtStart.get()) {
            return fail(
                    now,
                    Outcome.APPLY_ERRORS,
                    "subscription " + subscription + " hit " + (errors.get() - errorsAtStart.get())
                            + " apply error(s) while the gate waited; see the replica's log");
        }
        if (probe.slotWalStatus(replica.get().slotName()).filter("lost"::equals).isPresent()) {
            return fail(
                    now,
                    Outcome.SLOT_LOST,
                    "replication slot " + replica.get().slotName() + " on publisher " + publisher
                            + " is lost (wal_status = lost); the subscription must be re-created");
        }
        return pollPublisher(now, replica.get().tablesNotReady());
    }

    private boolean workerDown(SubscriptionProbe.ReplicaSide replica, Instant now) {
        if (replica.applyPid() != null) {
            workerMissingSince = null;
            return false;
        }
        workerMissingSince = workerMissingSince == null ? now : workerMissingSince;
        return Duration.between(workerMissingSince, now).compareTo(APPLY_WORKER_GRACE) > 0;
    }

    private Optional<CatchUp> pollPublisher(Instant now, int tablesNotReady) {
        Optional<SubscriptionProbe.PublisherSide> side = probe.publisherSide(target.lsn());
        if (side.isEmpty()) {
            return Optional.empty();
        }
        if (side.get().replayLsn() == null) {
            return Optional.empty();
        }
        bytesBehind = Math.max(0, side.get().bytesBehind());
        if (bytesBehindAtStart == null) {
            bytesBehindAtStart = bytesBehind;
        }
        boolean caughtUp = "streaming".equals(side.get().state()) && bytesBehind == 0 && tablesNotReady == 0;
        return caughtUp ? Optional.of(result(now, Outcome.CAUGHT_UP, Optional.empty())) : Optional.empty();
    }

    /** The verdict when the gate stops waiting before this publisher caught up. */
    CatchUp timeout(Instant now) {
        return result(
                now,
                Outcome.TIMEOUT,
                Optional.of("replica behind publisher " + publisher + " by " + bytesBehind + " bytes after waiting "
                        + Durations.human(Duration.between(start, now))));
    }

    private Optional<CatchUp> fail(Instant now, Outcome outcome, String detail) {
        return Optional.of(result(now, outcome, Optional.of(detail)));
    }

    private CatchUp result(Instant now, Outcome outcome, Optional<String> detail) {
        return new CatchUp(
                publisher,
                subscription,
                Optional.of(target.lsn()),
                Optional.of(target.publisherTime()),
                Optional.ofNullable(bytesBehindAtStart),
                Duration.between(start, now),
                outcome,
                detail);
    }
}
