package com.wmsanalytics.schedule;

import com.wmsanalytics.backup.BackupResult;
import com.wmsanalytics.refresh.ReportVerifier;
import com.wmsanalytics.service.RefreshReport;
import java.util.List;

/** Told when a scheduled run ends, e.g. to update the metrics. */
public interface RunObserver {

    void finished(String job, RefreshReport report);

    /** A firing ended in an error, for example a server that could not be reached. */
    default void failed(String job) {}

    /** A stale firing gave way to a later one of its job that was already due, and ran nothing. */
    default void coalesced(String job) {}

    /** A verify job checked the incremental reports. */
    default void verified(String job, List<ReportVerifier.Check> checks) {}

    /** A backup job wrote a backup (and deleted those past the retention). */
    default void backedUp(String job, BackupResult result) {}

    /** The daily history purge ran: it succeeded or failed. */
    default void purged(boolean succeeded) {}

    RunObserver NONE = (job, report) -> {};
}
