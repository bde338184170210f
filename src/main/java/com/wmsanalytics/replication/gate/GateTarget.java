package com.wmsanalytics.replication.gate;

import com.wmsanalytics.db.SqlStates;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * The publisher's WAL position and clock, read in one statement: what the replica must reach.
 *
 * <p>The target is the WAL <em>insert</em> position, not {@code pg_current_wal_lsn()} (the write
 * position). A transaction is visible once its commit record is inserted; with
 * {@code synchronous_commit = off} that record can sit in the WAL buffers, beyond the write
 * position, so a gate on the write position could pass before a visible commit is applied.
 */
record GateTarget(String lsn, Instant publisherTime) {

    /**
     * Reads the target, once more when the first read finds its pooled connection gone (a
     * server that stopped since, as the old primary after a failover): the pool has dropped that
     * connection, and a new one goes where the publisher's URL now leads.
     */
    static GateTarget read(DSLContext publisher) {
        try {
            return readOnce(publisher);
        } catch (DataAccessException e) {
            if (!SqlStates.isConnectionFailure(e)) {
                throw e;
            }
            return readOnce(publisher);
        }
    }

    private static GateTarget readOnce(DSLContext publisher) {
        Record r = publisher.fetchOne("SELECT pg_current_wal_insert_lsn()::text AS lsn, now() AS at");
        return new GateTarget(
                r.get("lsn", String.class), r.get("at", OffsetDateTime.class).toInstant());
    }
}
