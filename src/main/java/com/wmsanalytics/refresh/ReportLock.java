package com.wmsanalytics.refresh;

import org.jooq.DSLContext;

/**
 * The lock that keeps two processes from refreshing one report at the same time: a
 * transaction-level advisory lock keyed by the report's OID. Whoever does not get it at once
 * leaves the report to the holder.
 */
final class ReportLock {

    /** The advisory lock class of view refreshes: "WMSV" in ASCII. The object id is the view's OID. */
    static final int CLASS = 0x574D5356;

    private ReportLock() {}

    /** Takes the report's lock for the rest of the transaction, or returns false when another holds it. */
    static boolean tryTake(DSLContext tx, Report view) {
        return tx.fetchOne("SELECT pg_try_advisory_xact_lock(?, ?) AS locked", CLASS, (int) view.oid())
                .get("locked", Boolean.class);
    }
}
