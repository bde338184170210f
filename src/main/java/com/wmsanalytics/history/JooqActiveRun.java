package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_VIEW;

import com.wmsanalytics.db.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run in progress, recorded through the connection that holds its liveness lock. That
 * connection serves this run alone; the methods are synchronized so that views refreshed in
 * parallel can report on it.
 */
final class JooqActiveRun implements ActiveRun {

    private static final Logger log = LoggerFactory.getLogger(JooqActiveRun.class);

    private final long runId;
    private final String job;
    private final Connection connection;
    private final DSLContext db;
    private boolean finished;
    private boolean lockLost;
    private boolean closed;

    JooqActiveRun(long runId, String job, Connection connection, DSLContext db) {
        this.runId = runId;
        this.job = job;
        this.connection = connection;
        this.db = db;
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public synchronized void gate(List<GateRecord> gates, Duration waited, Optional<Instant> dataAsOf) {
        write(
                "record its gate",
                () -> db.transactionResult(tx -> {
                    tx.dsl()
                            .batchInsert(gates.stream()
                                    .map(g -> Rows.gateRow(tx.dsl(), runId, g))
                                    .toList())
                            .execute();
                    return tx.dsl()
                            .update(REFRESH_RUN)
                            .set(REFRESH_RUN.GATE_WAITED_MS, waited.toMillis())
                            .set(REFRESH_RUN.DATA_AS_OF, dataAsOf.orElse(null))
                            .where(REFRESH_RUN.RUN_ID.eq(runId))
                            .execute();
                }));
    }

    @Override
    public synchronized void views(List<ReportRecord> planned) {
        write("record its planned views", () -> db.batchInsert(planned.stream()
                        .map(v -> Rows.plannedViewRow(db, runId, v))
                        .toList())
                .execute());
    }

    @Override
    public synchronized void viewStarted(String viewSchema, String viewName, Instant at) {
        int updated = write("record the start of " + viewSchema + "." + viewName, () -> db.update(REFRESH_RUN_VIEW)
                .set(REFRESH_RUN_VIEW.STATUS, SqlNames.of(ReportStatus.RUNNING))
                .set(REFRESH_RUN_VIEW.STARTED_AT, at)
                .where(viewKey(viewSchema, viewName))
                .execute());
        requirePlanned(updated, viewSchema + "." + viewName);
    }

    @Override
    public synchronized void viewFinished(ReportRecord result) {
        int updated = write("record the end of " + result.qualifiedName(), () -> db.update(REFRESH_RUN_VIEW)
                .set(REFRESH_RUN_VIEW.STATUS, SqlNames.of(result.status()))
                .set(REFRESH_RUN_VIEW.MODE, orKeep(result.mode(), REFRESH_RUN_VIEW.MODE))
                .set(REFRESH_RUN_VIEW.STARTED_AT, orKeep(result.startedAt(), REFRESH_RUN_VIEW.STARTED_AT))
                .set(REFRESH_RUN_VIEW.FINISHED_AT, orKeep(result.finishedAt(), REFRESH_RUN_VIEW.FINISHED_AT))
                .set(REFRESH_RUN_VIEW.ROW_COUNT, orKeep(result.rowCount(), REFRESH_RUN_VIEW.ROW_COUNT))
                .set(REFRESH_RUN_VIEW.SQLSTATE, orKeep(result.sqlstate(), REFRESH_RUN_VIEW.SQLSTATE))
                .set(REFRESH_RUN_VIEW.MESSAGE, orKeep(result.message(), REFRESH_RUN_VIEW.MESSAGE))
                .set(
                        REFRESH_RUN_VIEW.BUCKETS,
                        result.buckets().map(BucketRecord::buckets).orElse(null))
                .set(
                        REFRESH_RUN_VIEW.ROWS_DELETED,
                        result.buckets().map(BucketRecord::rowsDeleted).orElse(null))
                .set(
                        REFRESH_RUN_VIEW.ROWS_INSERTED,
                        result.buckets().map(BucketRecord::rowsInserted).orElse(null))
                .where(viewKey(result.viewSchema(), result.viewName()))
                .execute());
        requirePlanned(updated, result.qualifiedName());
    }

    @Override
    public synchronized void finish(RunStatus status, Optional<String> error, Instant at) {
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run cannot finish as running");
        }
        int updated = write("record its end", () -> db.update(REFRESH_RUN)
                .set(REFRESH_RUN.STATUS, SqlNames.of(status))
                .set(REFRESH_RUN.ERROR, error.orElse(null))
                .set(REFRESH_RUN.FINISHED_AT, at)
                .where(REFRESH_RUN.RUN_ID.eq(runId).and(REFRESH_RUN.STATUS.eq(SqlNames.of(RunStatus.RUNNING))))
                .execute());
        if (updated == 0) {
            throw new HistoryException(
                    job + " - run " + runId + " cannot finish as " + SqlNames.of(status) + ": it is no longer running");
        }
        finished = true;
        log.info("{} - run {} {}", job, runId, SqlNames.of(status));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished && !lockLost) {
            log.warn("{} - run {} closed before it finished; it stays running until marked interrupted", job, runId);
        }
        try {
            if (!lockLost) {
                RunLock.unlock(db, runId);
            }
        } catch (DataAccessException e) {
            log.warn(
                    "{} - run {}: cannot release its liveness lock, its connection is gone: {}",
                    job,
                    runId,
                    e.getMessage());
        } finally {
            Sessions.close(connection);
        }
    }

    private <T> T write(String action, Supplier<T> statement) {
        if (closed) {
            throw new IllegalStateException(job + " - run " + runId + " is closed; cannot " + action);
        }
        try {
            return statement.get();
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    private HistoryException failure(String action, DataAccessException e) {
        if (SqlStates.isConnectionFailure(e) || connectionClosed()) {
            lockLost = true;
            return new RunLockLostException(job, runId, action, e);
        }
        return new HistoryException(job + " - run " + runId + ": cannot " + action + ": " + e.getMessage(), e);
    }

    private boolean connectionClosed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private Condition viewKey(String viewSchema, String viewName) {
        return REFRESH_RUN_VIEW
                .RUN_ID
                .eq(runId)
                .and(REFRESH_RUN_VIEW.VIEW_SCHEMA.eq(viewSchema))
                .and(REFRESH_RUN_VIEW.VIEW_NAME.eq(viewName));
    }

    private void requirePlanned(int updated, String view) {
        if (updated == 0) {
            throw new HistoryException(job + " - run " + runId + " did not plan view " + view);
        }
    }

    private static <T> Field<T> orKeep(Optional<T> value, Field<T> current) {
        return value.<Field<T>>map(v -> DSL.val(v, current)).orElse(current);
    }
}
