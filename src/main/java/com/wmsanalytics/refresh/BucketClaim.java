package com.wmsanalytics.refresh;

import com.wmsanalytics.config.RefreshSettings;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;

/**
 * Moves an incremental report's dirty buckets to {@code analytics_control.claimed_bucket} (a
 * report kept by key: its dirty keys and the keys fed to it to {@code claimed_key}) in a
 * short transaction of its own, before the transaction that recomputes them. The capture the
 * apply worker runs records a bucket with {@code INSERT ... ON CONFLICT DO NOTHING}, which waits
 * for any open transaction that deleted the same row: claiming inside the recompute's
 * transaction made the apply worker wait for the whole refresh. A bucket dirtied again after
 * the claim is recorded anew for the next refresh; a refresh that fails leaves its claim for the
 * next one (see migration V16).
 */
final class BucketClaim {

    private final RefreshSettings settings;

    BucketClaim(RefreshSettings settings) {
        this.settings = settings;
    }

    /** Claims on {@code connection}, which must be in auto-commit mode. */
    void run(Connection connection, Report report) throws SQLException {
        boolean keyed = report.incremental().orElseThrow().keyed();
        ShortTransaction.run(connection, settings, tx -> {
            int claimed = move(tx, report, keyed ? "dirty_key" : "dirty_bucket", keyed ? "key" : "bucket");
            // The keys the reports it follows passed on (see migration V23).
            return keyed ? claimed + move(tx, report, "fed_key", "key") : claimed;
        });
    }

    private static int move(DSLContext tx, Report report, String from, String column) {
        String to = column.equals("key") ? "claimed_key" : "claimed_bucket";
        return tx.execute(
                "WITH moved AS (DELETE FROM analytics_control." + from + " WHERE report_schema = ?"
                        + " AND report_name = ? RETURNING report_schema, report_name, " + column + ")"
                        + " INSERT INTO analytics_control." + to + " (report_schema, report_name, " + column
                        + ") SELECT report_schema, report_name, " + column + " FROM moved ON CONFLICT DO NOTHING",
                report.schema(),
                report.name());
    }
}
