package com.wmsanalytics.replication.gate;

import com.wmsanalytics.db.SqlColumn;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Read-only looks at one subscription, on the replica and on its publisher, for the gate
 * and for {@code status}.
 */
final class SubscriptionProbe {

    private static final SqlColumn<Boolean> ENABLED = SqlColumn.of("enabled", Boolean.class);
    private static final SqlColumn<String> SLOT_NAME = SqlColumn.of("slot_name", String.class);
    private static final SqlColumn<Integer> WORKER_PID = SqlColumn.of("worker_pid", Integer.class);
    private static final SqlColumn<Integer> SYNCING = SqlColumn.of("syncing", Integer.class);
    private static final SqlColumn<Long> APPLY_ERRORS = SqlColumn.of("apply_error_count", Long.class);
    private static final SqlColumn<Integer> VERSION = SqlColumn.of("version", Integer.class);
    private static final SqlColumn<String> STATE = SqlColumn.of("state", String.class);
    private static final SqlColumn<String> REPLAY_LSN = SqlColumn.of("replay_lsn", String.class);
    private static final SqlColumn<Long> BEHIND = SqlColumn.of("behind", Long.class);
    private static final SqlColumn<Double> REPLAY_LAG = SqlColumn.of("replay_lag", Double.class);
    private static final SqlColumn<String> WAL_STATUS = SqlColumn.of("wal_status", String.class);
    private static final SqlColumn<Long> RETAINED = SqlColumn.of("retained", Long.class);
    private static final SqlColumn<Long> SAFE_WAL_SIZE = SqlColumn.of("safe_wal_size", Long.class);
    private static final SqlColumn<Boolean> READS_STATS = SqlColumn.of("reads_stats", Boolean.class);

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
                "SELECT s.subenabled AS enabled, s.subslotname AS slot_name, w.pid AS worker_pid,"
                        + " (SELECT count(*)::int FROM pg_subscription_rel sr WHERE sr.srsubid = s.oid AND sr.srsubstate <> 'r') AS syncing"
                        + " FROM pg_subscription s LEFT JOIN pg_stat_subscription w ON w.subid = s.oid AND w.relid IS NULL"
                        + " WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                subscription);
        return Optional.ofNullable(r)
                .map(x -> new ReplicaSide(ENABLED.from(x), SLOT_NAME.from(x), WORKER_PID.from(x), SYNCING.from(x)));
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
                .map(APPLY_ERRORS::from);
    }

    /** The replica's version, read once: the gate asks on every poll. */
    private int replicaVersion() {
        if (replicaVersion == null) {
            replicaVersion =
                    VERSION.from(replica.fetchOne("SELECT current_setting('server_version_num')::int AS version"));
        }
        return replicaVersion;
    }

    /** The walsender serving the subscription, and how far its replay is behind {@code targetLsn}. */
    Optional<PublisherSide> publisherSide(String targetLsn) {
        return publisher
                .fetchOptional(
                        "SELECT state, replay_lsn::text AS replay_lsn, pg_wal_lsn_diff(?::pg_lsn, replay_lsn)::bigint AS behind,"
                                + " extract(epoch FROM replay_lag)::float8 AS replay_lag"
                                + " FROM pg_stat_replication WHERE application_name = ? ORDER BY backend_start DESC LIMIT 1",
                        targetLsn,
                        subscription)
                .map(r -> new PublisherSide(STATE.from(r), REPLAY_LSN.from(r), BEHIND.from(r), REPLAY_LAG.from(r)));
    }

    /** The slot's {@code wal_status}: {@code lost} means the replica can never catch up. */
    Optional<String> slotWalStatus(String slotName) {
        return publisher
                .fetchOptional("SELECT wal_status FROM pg_replication_slots WHERE slot_name = ?", slotName)
                .map(WAL_STATUS::from);
    }

    /** The slot's WAL status, the WAL it retains on the publisher and how much more it may retain. */
    Optional<Slot> slot(String slotName) {
        return publisher
                .fetchOptional(
                        "SELECT wal_status,"
                                + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint END"
                                + " AS retained,"
                                + " safe_wal_size FROM pg_replication_slots WHERE slot_name = ?",
                        slotName)
                .map(r -> new Slot(WAL_STATUS.from(r), RETAINED.from(r), SAFE_WAL_SIZE.from(r)));
    }

    /** Whether the publisher's login role may see the LSN columns of pg_stat_replication. */
    boolean canReadLsns() {
        return READS_STATS.from(publisher.fetchOne(
                "SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS reads_stats"
                        + " FROM pg_roles WHERE rolname = current_user"));
    }
}
