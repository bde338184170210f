package com.wmsanalytics.history;

/** How the refresh of one view in a run stands or ended. Stored lower-case. */
public enum ReportStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Not refreshed because a view it depends on failed. */
    BLOCKED,
    /** Not refreshed because another refresh held the view's lock. */
    LOCKED,
    /** The run's process ended before the view finished. */
    INTERRUPTED
}
