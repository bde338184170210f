package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_VIEW;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record3;
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

    private List<Long> runningRuns() {
        return session.select(REFRESH_RUN.RUN_ID)
                .from(REFRESH_RUN)
                .where(REFRESH_RUN.STATUS.eq(SqlNames.of(RunStatus.RUNNING)))
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
