package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run in progress. It holds the run's liveness lock on its own connection until
 * {@link #close()}: while the lock is held, no process marks the run interrupted. Its writes
 * fail with a {@link RunLockLostException} once that connection is gone.
 */
public interface ActiveRun extends AutoCloseable {

    long runId();

    /** Records the gate's result per publisher, its total wait and the data-as-of it proved. */
    void gate(List<GateRecord> gates, Duration waited, Optional<Instant> dataAsOf);

    /** Records the views the run will refresh as 'pending', with their mode. */
    void views(List<ReportRecord> planned);

    /** A planned view's refresh has started. */
    void viewStarted(String viewSchema, String viewName, Instant at);

    /** A planned view's refresh has ended; empty fields of the result keep what was recorded. */
    void viewFinished(ReportRecord result);

    /** The run ended with the given status, which must not be RUNNING. */
    void finish(RunStatus status, Optional<String> error, Instant at);

    /**
     * Releases the liveness lock and the connection. Idempotent, and never throws. A run closed
     * before {@link #finish} stays 'running' until {@link RunHistory#markInterrupted} marks it.
     */
    @Override
    void close();
}
