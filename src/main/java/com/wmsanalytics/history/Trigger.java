package com.wmsanalytics.history;

/** Why a run started. Stored lower-case in {@code refresh_run.trigger}. */
public enum Trigger {
    /** The service's scheduler fired the job. */
    SCHEDULE,
    /** Someone ran the refresh from the command line. */
    CLI,
    /** A retry of a run that did not succeed. */
    RETRY
}
