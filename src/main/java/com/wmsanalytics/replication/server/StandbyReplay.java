package com.wmsanalytics.replication.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One physical standby streaming from a writable node, as its pg_stat_replication row shows
 * it: walsenders of logical slots (subscriptions) are left out.
 *
 * @param name the standby's {@code application_name}
 * @param client its address, if it connected over TCP
 * @param bytesBehind WAL the node has written and the standby not yet replayed; empty
 *     without {@code pg_read_all_stats}
 * @param replayLag how long replay trails the node's commits, as PostgreSQL measures it; empty
 *     when the standby is idle and caught up, or without the privilege
 */
public record StandbyReplay(
        String name, Optional<String> client, String state, Optional<Long> bytesBehind, Optional<Duration> replayLag) {

    static List<StandbyReplay> read(DSLContext db) {
        return db.fetch("SELECT r.application_name, host(r.client_addr) AS client, r.state,"
                        + " pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint AS behind,"
                        + " (extract(epoch FROM r.replay_lag) * 1000)::bigint AS replay_lag_ms"
                        + " FROM pg_stat_replication r JOIN pg_stat_activity a ON a.pid = r.pid"
                        + " WHERE a.backend_type = 'walsender' AND NOT EXISTS (SELECT 1 FROM pg_replication_slots s"
                        + " WHERE s.active_pid = r.pid AND s.slot_type = 'logical') AND a.datname IS NULL"
                        + " ORDER BY r.application_name, r.pid")
                .map(r -> new StandbyReplay(
                        r.get("application_name", String.class),
                        Optional.ofNullable(r.get("client", String.class)),
                        r.get("state", String.class),
                        Optional.ofNullable(r.get("behind", Long.class)),
                        Optional.ofNullable(r.get("replay_lag_ms", Long.class)).map(Duration::ofMillis)));
    }
}
