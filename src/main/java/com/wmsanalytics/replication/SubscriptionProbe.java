package com.wmsanalytics.replication;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Read-only looks at one subscription, on the replica and on its publisher, for the gate
 * and for {@code status}.
 */
final class SubscriptionProbe {

    /** The replica's side: the subscription and its apply worker (the row with relid NULL). */
    record ReplicaSide(boolean enabled, String slotName, Integer applyPid, int tablesNotReady) {}

    /**
     * The publisher's side: its walsender for the subscription, if connected.
     *
     * @param replayLagSeconds {@code replay_lag}; null once the replica has caught up and the
     *     publisher is idle
     */
    record PublisherSide(String state, String replayLsn, Long bytesBehind, Double replayLagSeconds) {}

    /**
     * The slot on the publisher: its {@code wal_status}, the WAL it holds there
     * ({@code pg_current_wal_lsn() - restart_lsn}), and {@code safe_wal_size} (null when
     * {@code max_slot_wal_keep_size = -1}, unbounded).
     */
    record Slot(String walStatus, Long retainedBytes, Long safeWalSize) {}

    private static final int PG15 = 150000;

    private final DSLContext replica;
    private final DSLContext publisher;
    private final String subscription;
    private Integer replicaVersion;

    SubscriptionProbe(DSLContext replica, DSLContext publisher, String subscription) {
        this.replica = replica;
        this.publisher = publisher;
        this.subscription = subscription;
    }

    /** The publisher's WAL position and clock now: what the replica must reach. */
    GateTarget target() {
        return GateTarget.read(publisher);
    }

    Optional<ReplicaSide> replicaSide() {
        Record r = replica.fetchOne(
                "SELECT s.subenabled, s.subslotname, w.pid,"
                        + " (SELECT count(*)::int FROM pg_subscription_rel sr WHERE sr.srsubid = s.oid AND sr.srsubstate <> 'r')"
                        + " FROM pg_subscription s LEFT JOIN pg_stat_subscription w ON w.subid = s.oid AND w.relid IS NULL"
                        + " WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                subscription);
        return Optional.ofNullable(r)
                .map(x -> new ReplicaSide(
                        x.get(0, Boolean.class),
                        x.get(1, String.class),
                        x.get(2, Integer.class),
                        x.get(3, Integer.class)));
    }

    /** The apply error count (PostgreSQL 15+), or empty where the server does not keep it. */
    Optional<Long> applyErrors() {
        if (replicaVersion() < PG15) {
            return Optional.empty();
        }
        return replica.fetchOptional(
                        "SELECT w.apply_error_count FROM pg_stat_subscription_stats w"
                                + " JOIN pg_subscription s ON s.oid = w.subid WHERE s.subname = ? AND "
                                + ThisDatabase.SUBSCRIPTION,
                        subscription)
                .map(r -> r.get(0, Long.class));
    }

    /** The replica's version, read once: the gate asks on every poll. */
    private int replicaVersion() {
        if (replicaVersion == null) {
            replicaVersion = replica.fetchOne("SELECT current_setting('server_version_num')::int")
                    .get(0, Integer.class);
        }
        return replicaVersion;
    }

    /** The walsender serving the subscription, and how far its replay is behind {@code targetLsn}. */
    Optional<PublisherSide> publisherSide(String targetLsn) {
        return publisher
                .fetchOptional(
                        "SELECT state, replay_lsn::text, pg_wal_lsn_diff(?::pg_lsn, replay_lsn)::bigint,"
                                + " extract(epoch FROM replay_lag)::float8"
                                + " FROM pg_stat_replication WHERE application_name = ? ORDER BY backend_start DESC LIMIT 1",
                        targetLsn,
                        subscription)
                .map(r -> new PublisherSide(
                        r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class), r.get(3, Double.class)));
    }

    /** The slot's {@code wal_status}: {@code lost} means the replica can never catch up. */
    Optional<String> slotWalStatus(String slotName) {
        return publisher
                .fetchOptional("SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?", slotName)
                .map(r -> r.get(0, String.class));
    }

    /** The slot's WAL status, the WAL it retains on the publisher and how much more it may retain. */
    Optional<Slot> slot(String slotName) {
        return publisher
                .fetchOptional(
                        "SELECT wal_status,"
                                + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint END,"
                                + " safe_wal_size FROM pg_replication_slots WHERE slot_name = ?",
                        slotName)
                .map(r -> new Slot(r.get(0, String.class), r.get(1, Long.class), r.get(2, Long.class)));
    }

    /** Whether the publisher's login role may see the LSN columns of pg_stat_replication. */
    boolean canReadLsns() {
        return publisher
                .fetchOne("SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')"
                        + " FROM pg_roles WHERE rolname = current_user")
                .get(0, Boolean.class);
    }
}
