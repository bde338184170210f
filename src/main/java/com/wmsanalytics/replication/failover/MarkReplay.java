package com.wmsanalytics.replication.failover;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.clock.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Waits until the physical standbys streaming from the replica have replayed its WAL up to now,
 * so that a standby promoted after {@code setup --switchover} holds the switchover's marks. Says
 * which standbys have, and which have not by the deadline.
 */
public final class MarkReplay {

    private final DSLContext replica;
    private final Clock clock;
    private final Sleeper sleeper;

    public MarkReplay(DSLContext replica, Clock clock, Sleeper sleeper) {
        this.replica = replica;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** One line per standby, or one line saying that none streams from the replica. */
    public List<String> await(Duration timeout) {
        String target =
                replica.fetchOne("SELECT pg_current_wal_lsn()::text AS lsn").get("lsn", String.class);
        Instant deadline = clock.instant().plus(timeout);
        List<? extends Record> standbys = standbys(target);
        while (standbys.stream().anyMatch(s -> !s.get("replayed", Boolean.class))
                && clock.instant().isBefore(deadline)) {
            pause();
            standbys = standbys(target);
        }
        if (standbys.isEmpty()) {
            return List.of("no standby streams from this node: promote only a standby that has replayed " + target);
        }
        return standbys.stream()
                .map(s -> s.get("replayed", Boolean.class)
                        ? "standby " + s.get("name", String.class) + " has replayed the marks (" + target + ")"
                        : "standby " + s.get("name", String.class) + " has not replayed the marks within "
                                + timeout.toSeconds() + " s: do not promote it before its replay passes " + target)
                .toList();
    }

    private List<? extends Record> standbys(String target) {
        return replica.fetch(
                "SELECT r.application_name AS name, coalesce(r.replay_lsn >= ?::pg_lsn, false) AS replayed"
                        + " FROM pg_stat_replication r JOIN pg_stat_activity a ON a.pid = r.pid"
                        + " WHERE a.backend_type = 'walsender' AND a.datname IS NULL ORDER BY r.application_name, r.pid",
                target);
    }

    private void pause() {
        try {
            sleeper.sleep(Duration.ofMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while waiting for the standbys", e);
        }
    }
}
