package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;

import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.db.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run: takes a connection of its own, then inserts the run and takes its liveness
 * lock in one transaction. Nobody sees the run before its lock is held, so no process can
 * mistake a run that is starting for one whose process died.
 */
final class RunStart {

    private static final Logger log = LoggerFactory.getLogger(RunStart.class);

    private RunStart() {}

    static ActiveRun start(DataSource replica, NewRun run) {
        Connection connection = connect(replica, run);
        DSLContext session = Sessions.of(connection);
        try {
            long runId = session.transactionResult(tx -> insertLocked(tx.dsl(), run));
            log.info(
                    "{} - run {} started ({}, by {} on {})",
                    run.job(),
                    runId,
                    SqlNames.of(run.trigger()),
                    run.requestedBy(),
                    run.host());
            return new JooqActiveRun(runId, run.job(), connection, session);
        } catch (RuntimeException e) {
            release(session, connection);
            throw new HistoryException(run.job() + " - cannot record the start of the run: " + e.getMessage(), e);
        }
    }

    private static long insertLocked(DSLContext tx, NewRun run) {
        long runId = tx.insertInto(REFRESH_RUN)
                .set(REFRESH_RUN.JOB, run.job())
                .set(REFRESH_RUN.TRIGGER, SqlNames.of(run.trigger()))
                .set(REFRESH_RUN.RETRY_OF, run.retryOf().orElse(null))
                .set(REFRESH_RUN.REQUESTED_BY, run.requestedBy())
                .set(REFRESH_RUN.HOST, run.host())
                .set(REFRESH_RUN.STARTED_AT, run.startedAt())
                .set(REFRESH_RUN.SCHEDULED_FOR, run.scheduledFor().orElse(null))
                .set(REFRESH_RUN.STATUS, SqlNames.of(RunStatus.RUNNING))
                .returningResult(REFRESH_RUN.RUN_ID)
                .fetchSingle()
                .value1();
        RunLock.lock(tx, runId);
        return runId;
    }

    private static Connection connect(DataSource replica, NewRun run) {
        try {
            return replica.getConnection();
        } catch (SQLException e) {
            String message = run.job() + " - cannot connect to the replica to record the run: " + e.getMessage();
            throw SqlStates.isConnectionFailure(e)
                    ? new ConnectionException(message, e)
                    : new HistoryException(message, e);
        }
    }

    /** A session-level lock outlives a rolled-back transaction, so drop it before the pool reuses the session. */
    private static void release(DSLContext session, Connection connection) {
        try {
            RunLock.unlockAll(session);
        } catch (RuntimeException e) {
            log.debug("cannot release the advisory locks of a failed run start", e);
        } finally {
            Sessions.close(connection);
        }
    }
}
