package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How long the subscription takes to apply what the primary has committed: the primary's WAL
 * insert position is read right after the commit, then the walsender's {@code replay_lsn} in
 * {@code pg_stat_replication} is polled until it has passed it (as the catch-up gate does).
 */
final class ReplayWait {

    private static final long POLL_MS = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Connection primary;
    private final String subscription;

    ReplayWait(Connection primary, String subscription) throws SQLException {
        this.primary = primary;
        this.subscription = subscription;
        primary.setAutoCommit(true);
    }

    /** Call right after a commit returned at {@code committedNanos}: the time from then until replay passed it. */
    Duration since(long committedNanos) throws SQLException, InterruptedException {
        String target = insertLsn();
        try (PreparedStatement poll = primary.prepareStatement("SELECT pg_wal_lsn_diff(replay_lsn, ?::pg_lsn) >= 0"
                + " FROM pg_stat_replication WHERE application_name = ? ORDER BY backend_start DESC LIMIT 1")) {
            poll.setString(1, target);
            poll.setString(2, subscription);
            while (true) {
                long now = System.nanoTime();
                if (passed(poll)) {
                    return Duration.ofNanos(System.nanoTime() - committedNanos);
                }
                if (now - committedNanos > TIMEOUT.toNanos()) {
                    throw new IllegalStateException("replay did not reach " + target + " within " + TIMEOUT);
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    private String insertLsn() throws SQLException {
        try (Statement statement = primary.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean passed(PreparedStatement poll) throws SQLException {
        try (ResultSet rs = poll.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
