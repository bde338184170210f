package com.wmsanalytics.refresh;

import com.wmsanalytics.config.RefreshSettings;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records the dirty buckets or keys of the new rows of a report's sources (its generated sweep
 * functions, {@code analytics_control.report_sweep}) before the report's refresh, in a short
 * transaction of its own, then summarizes the BRIN ranges the new rows filled, so that the next
 * sweep reads only what is written after. New rows have no trigger: they carry the id of the
 * transaction that wrote them, and the sweep reads them through that. Its own transaction keeps
 * concurrent refreshes of two reports from waiting on each other's mark.
 */
final class CaptureSweep {

    private final RefreshSettings settings;

    CaptureSweep(RefreshSettings settings) {
        this.settings = settings;
    }

    /**
     * Sweeps on {@code connection}, which must be in auto-commit mode, holding the report's
     * {@link ReportLock} meanwhile, so that a second refresh of the report gives way at once
     * rather than wait for the sweep. Returns false, having swept nothing, when another
     * refresh holds the lock.
     */
    boolean run(Connection connection, Report report) throws SQLException {
        return ShortTransaction.run(connection, settings, tx -> {
            if (!ReportLock.tryTake(tx, report)) {
                return false;
            }
            // The sweep reads a few new rows, but the plan its function forces (no sequential
            // scan) looks expensive enough for JIT, which would compile it every time.
            RecomputeSettings.jit(tx, settings.recomputeJit());
            ReportSweeps.run(tx, report);
            return true;
        });
    }
}
