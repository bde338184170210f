package com.wmsanalytics.replication.setup;

import org.jooq.DSLContext;

/**
 * A table copied anew by a subscription, in its initial synchronisation, can change any
 * bucket of the incremental reports: they are marked for a full rebuild by their next refresh.
 */
final class ResyncMarks {

    private ResyncMarks() {}

    static void markReportsForRebuild(DSLContext replica, String reason) {
        replica.execute("UPDATE analytics_control.incremental_report SET needs_full = true, full_reason = ?", reason);
    }
}
