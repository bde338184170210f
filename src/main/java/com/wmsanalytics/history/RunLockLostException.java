package com.wmsanalytics.history;

/**
 * The connection holding a run's liveness lock is gone, so another process may already have
 * marked the run interrupted. Nothing more can be recorded for the run.
 */
public final class RunLockLostException extends HistoryException {

    private static final long serialVersionUID = 1L;

    RunLockLostException(String job, long runId, String action, Throwable cause) {
        super(
                job + " - run " + runId + ": cannot " + action + ": lost the connection that holds the run's"
                        + " liveness lock, so the run may already be marked interrupted",
                cause);
    }
}
