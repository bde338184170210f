package com.wmsanalytics.refresh;

import com.wmsanalytics.config.RefreshSettings;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Moves an incremental report's dirty buckets to {@code analytics_control.claimed_bucket} (a
 * report kept by key: its dirty keys to {@code claimed_key}) in a
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
        ShortTransaction.run(connection, settings, tx -> {
            String table = report.incremental().orElseThrow().keyed() ? "key" : "bucket";
            return tx.execute(
                    "WITH moved AS (DELETE FROM analytics_control.dirty_" + table + " WHERE report_schema = ?"
                            + " AND report_name = ? RETURNING report_schema, report_name, " + table + ")"
                            + " INSERT INTO analytics_control.claimed_" + table + " (report_schema, report_name, "
                            + table + ") SELECT report_schema, report_name, " + table
                            + " FROM moved ON CONFLICT DO NOTHING",
                    report.schema(),
                    report.name());
        });
    }
}
