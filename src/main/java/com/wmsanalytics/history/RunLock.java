package com.wmsanalytics.history;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import com.wmsanalytics.db.SqlStates;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * A run's liveness lock: the session-level advisory lock {@code (CLASS_ID, run_id)}, in
 * PostgreSQL's two-int form, held by the process running it for as long as it runs. When the
 * process dies, PostgreSQL ends its session and so releases the lock.
 */
public final class RunLock {

    /**
     * The first key of every run lock: the ASCII codes of "WMSR" (wms-analytics run),
     * 0x574D5352 = 1464685394. Other advisory locks of the program use other classes.
     */
    public static final int CLASS_ID = 0x574D5352;

    /** SQLSTATE lock_not_available: the wait passed {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private RunLock() {}

    /** The second key: the run id's low 32 bits, unique for the first four billion runs. */
    static int key(long runId) {
        return (int) runId;
    }

    /** Waits for the lock; only a run's own start takes it, on a run nobody else knows yet. */
    static void lock(DSLContext session, long runId) {
        session.select(function("pg_advisory_lock", SQLDataType.OTHER, val(CLASS_ID), val(key(runId))))
                .execute();
    }

    static boolean tryLock(DSLContext session, long runId) {
        return session.select(function("pg_try_advisory_lock", SQLDataType.BOOLEAN, val(CLASS_ID), val(key(runId))))
                .fetchSingle()
                .value1();
    }

    /**
     * Waits up to {@code timeout} for the lock; false when another session still holds it then.
     * The session's {@code lock_timeout} bounds the wait and is reset before it returns.
     */
    static boolean lockWithin(DSLContext session, long runId, Duration timeout) {
        session.select(function(
                        "set_config",
                        SQLDataType.VARCHAR,
                        val("lock_timeout"),
                        val(Math.max(1, timeout.toMillis()) + "ms"),
                        val(false)))
                .execute();
        try {
            lock(session, runId);
            return true;
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(SqlStates.of(e))) {
                return false;
            }
            throw e;
        } finally {
            session.execute("RESET lock_timeout");
        }
    }

    static void unlock(DSLContext session, long runId) {
        session.select(function("pg_advisory_unlock", SQLDataType.BOOLEAN, val(CLASS_ID), val(key(runId))))
                .execute();
    }

    /** Releases every advisory lock of the session, before it goes back to the pool after a failure. */
    static void unlockAll(DSLContext session) {
        session.select(function("pg_advisory_unlock_all", SQLDataType.OTHER)).execute();
    }
}
