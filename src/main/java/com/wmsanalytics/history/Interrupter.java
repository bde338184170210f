package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_VIEW;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks interrupted the runs whose process died. A 'running' run whose liveness lock can be
 * taken has no living owner. Everything happens on one session, which holds each lock only
 * while it marks that run.
 */
final class Interrupter {

    static final String ERROR = "the process running it ended before it finished";

    private static final Logger log = LoggerFactory.getLogger(Interrupter.class);

    private final DSLContext session;

    Interrupter(DSLContext session) {
        this.session = session;
    }

    int markInterrupted(Instant now) {
        int marked = 0;
        for (long runId : runningRuns()) {
            if (RunLock.tryLock(session, runId)) {
                try {
                    marked += mark(runId, now) ? 1 : 0;
                } finally {
                    RunLock.unlock(session, runId);
                }
            }
        }
        return marked;
    }

    /**
     * Waits until no run of {@code job} is left 'running' by a session that still lives; the
     * dead ones are then for {@link #markInterrupted} to mark. A run's lock is held by its own
     * session for as long as its process lives, so this waits for a process the cluster took
     * for failed while it only stalled.
     *
     * @return false when a run's session still held its lock after {@code timeout}
     */
    boolean awaitEnded(String job, Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        for (long runId : runningRuns(REFRESH_RUN.JOB.eq(job))) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || !RunLock.lockWithin(session, runId, left)) {
                return false;
            }
            RunLock.unlock(session, runId);
        }
        return true;
    }

    private List<Long> runningRuns() {
        return runningRuns(DSL.noCondition());
    }

    private List<Long> runningRuns(Condition which) {
        return session.select(REFRESH_RUN.RUN_ID)
                .from(REFRESH_RUN)
                .where(REFRESH_RUN.STATUS.eq(SqlNames.of(RunStatus.RUNNING)))
                .and(which)
                .orderBy(REFRESH_RUN.RUN_ID)
                .fetch(REFRESH_RUN.RUN_ID);
    }

    /** Marks the run and its unfinished views; false if it finished meanwhile. */
    private boolean mark(long runId, Instant now) {
        Optional<Record3<String, String, String>> run = session.transactionResult(tx -> {
            Optional<Record3<String, String, String>> updated = tx.dsl()
                    .update(REFRESH_RUN)
                    .set(REFRESH_RUN.STATUS, SqlNames.of(RunStatus.INTERRUPTED))
                    .set(REFRESH_RUN.FINISHED_AT, now)
                    .set(REFRESH_RUN.ERROR, ERROR)
                    .where(REFRESH_RUN.RUN_ID.eq(runId).and(REFRESH_RUN.STATUS.eq(SqlNames.of(RunStatus.RUNNING))))
                    .returningResult(REFRESH_RUN.JOB, REFRESH_RUN.REQUESTED_BY, REFRESH_RUN.HOST)
                    .fetchOptional();
            tx.dsl()
                    .update(REFRESH_RUN_VIEW)
                    .set(REFRESH_RUN_VIEW.STATUS, SqlNames.of(ReportStatus.INTERRUPTED))
                    .where(REFRESH_RUN_VIEW.RUN_ID.eq(runId))
                    .and(REFRESH_RUN_VIEW.STATUS.in(
                            SqlNames.of(ReportStatus.PENDING), SqlNames.of(ReportStatus.RUNNING)))
                    .execute();
            return updated;
        });
        run.ifPresent(r -> log.warn(
                "{} - run {} marked interrupted: {} (started by {} on {})",
                r.value1(),
                runId,
                ERROR,
                r.value2(),
                r.value3()));
        return run.isPresent();
    }
}
