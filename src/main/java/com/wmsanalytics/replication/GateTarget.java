package com.wmsanalytics.replication;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The publisher's WAL position and clock, read in one statement: what the replica must reach.
 *
 * <p>The target is the WAL <em>insert</em> position, not {@code pg_current_wal_lsn()} (the write
 * position). A transaction is visible once its commit record is inserted; with
 * {@code synchronous_commit = off} that record can sit in the WAL buffers, beyond the write
 * position, so a gate on the write position could pass before a visible commit is applied.
 */
record GateTarget(String lsn, Instant publisherTime) {

    static GateTarget read(DSLContext publisher) {
        Record r = publisher.fetchOne("SELECT pg_current_wal_insert_lsn()::text, now()");
        return new GateTarget(
                r.get(0, String.class), r.get(1, OffsetDateTime.class).toInstant());
    }
}
