package com.wmsanalytics.history;

/** How a run stands or ended. Stored lower-case in {@code refresh_run.status}. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The catch-up gate was not satisfied, so nothing was refreshed. Not a failure. */
    SKIPPED,
    /** The views were refreshed without a satisfied catch-up gate. */
    UNGATED,
    /** The process running it ended before it finished. */
    INTERRUPTED
}
