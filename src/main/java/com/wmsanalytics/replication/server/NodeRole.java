package com.wmsanalytics.replication.server;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Whether a server is writable or a standby in recovery, and for a standby the node it
 * replays from, as {@code host:port}, when the server lets this role see it.
 */
public record NodeRole(boolean standby, Optional<String> upstream) {

    public static final NodeRole WRITABLE = new NodeRole(false, Optional.empty());

    /**
     * The upstream comes from the WAL receiver's sender (it needs {@code pg_read_all_stats}),
     * else from {@code primary_conninfo} (superuser or {@code pg_read_all_settings}); never
     * with its password.
     */
    public static NodeRole read(DSLContext db) {
        Record r = db.fetchOne("SELECT pg_is_in_recovery() AS in_recovery,"
                + " (SELECT sender_host || ':' || sender_port FROM pg_stat_wal_receiver WHERE sender_host IS NOT NULL)"
                + " AS sender,"
                + " (SELECT setting FROM pg_settings WHERE name = 'primary_conninfo') AS primary_conninfo");
        if (!r.get("in_recovery", Boolean.class)) {
            return WRITABLE;
        }
        Optional<String> sender = Optional.ofNullable(r.get("sender", String.class));
        return new NodeRole(true, sender.or(() -> Upstream.of(r.get("primary_conninfo", String.class))));
    }

    public String label() {
        return standby ? "standby" : "primary";
    }
}
