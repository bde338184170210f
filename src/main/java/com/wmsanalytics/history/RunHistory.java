package com.wmsanalytics.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of every refresh run, kept on the replica in {@code analytics_control}. Times
 * come from the caller's clock and are stored to the microsecond.
 */
public interface RunHistory {

    /** Inserts a 'running' run and returns a handle that holds the run's liveness lock until closed. */
    ActiveRun start(NewRun run);

    /**
     * Runs left 'running' by a process that died become 'interrupted' (and their pending or
     * running views too). A run whose process still lives, on any host, is left alone.
     *
     * @return how many runs were marked
     */
    int markInterrupted(Instant now);

    /**
     * Waits, up to {@code timeout}, until no run of {@code job} is left 'running' by a session
     * that still lives ({@link #markInterrupted} then marks the dead ones). A retry calls it
     * first: the cluster may have taken over the firing of an instance that only stalled.
     *
     * @return false when a run of the job still had a living session after {@code timeout}
     */
    boolean awaitRunsEnded(String job, Duration timeout, Clock clock);

    /**
     * Deletes the runs that started before {@code now - retention}, with their gate and view
     * rows, and the hourly summaries of the hours before it. A run still 'running' is kept.
     *
     * @return how many runs were deleted
     */
    int purge(Duration retention, Instant now);

    /**
     * Folds the scheduled runs that succeeded in the whole hours before {@code now - after}
     * into one summary per job and hour, and deletes them. Each report's latest successful
     * refresh stays in detail.
     */
    Summarized summarize(Duration after, Instant now);

    /** The hourly summaries the filter selects, newest first. */
    List<RunSummary> summaries(SummaryFilter filter);

    /** The runs the filter selects, newest first, with their gates and views. */
    List<RunRecord> runs(HistoryFilter filter);

    /** Every materialized view's freshness, from {@code analytics.report_freshness}. */
    List<Freshness> freshness();

    /** Every report's description, last refresh, recent durations and last failure, for the freshness page. */
    List<ReportDetails> details();

    /** The first run recorded for a job's firing, if any: the start of its retry chain. */
    Optional<Long> firstRun(String job, Instant scheduledFor);
}
