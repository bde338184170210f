package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The refresh of a report of kind {@code table}, inside the caller's transaction: deletes its rows
 * and inserts what its definition returns, then ANALYZE. Readers see the old rows until the
 * transaction commits and never wait: unlike {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}, it
 * neither looks for duplicate rows nor compares the old rows with the new, which for a report
 * whose rows all change at every refresh (a rank, the days since a date) cost more than its query.
 */
final class ReplacedRefresh {

    private ReplacedRefresh() {}

    /** Its rows deleted and inserted; the reports that read it are marked for a rebuild when any changed. */
    static BucketCounts run(DSLContext tx, Report report, Incremental spec, ReportState state) {
        Name table = name(report.schema(), report.name());
        long deleted = tx.execute(query("DELETE FROM {0}", table));
        long inserted =
                tx.execute(query("INSERT INTO {0} SELECT * FROM {1}()", table, IncrementalRefresher.definition(spec)));
        if (deleted + inserted > 0) {
            state.markDependentsFull(tx, report);
        }
        tx.execute(query("ANALYZE {0}", table));
        return new BucketCounts(0, deleted, inserted);
    }
}
