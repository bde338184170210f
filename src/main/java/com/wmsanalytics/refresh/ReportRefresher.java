package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.keyword;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.table;

import com.wmsanalytics.config.RefreshSettings;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.db.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Refreshes one report in a transaction of its own: {@code statement_timeout}, {@code lock_timeout}
 * and the time zone set locally, a transaction-level advisory lock keyed by the view so that
 * no other process refreshes it at the same time, the REFRESH (or, for an incremental
 * report, the recompute of its changed buckets, after a {@link CaptureSweep} for one
 * that reads swept rows), a count of its rows and ANALYZE. On any
 * error the transaction rolls back and the report keeps its previous contents.
 */
final class ReportRefresher {

    private final DataSource replica;
    private final RefreshSettings settings;
    private final Clock clock;
    private final IncrementalRefresher incremental;
    private final CaptureSweep sweep;
    private final BucketClaim claim;

    ReportRefresher(DataSource replica, RefreshSettings settings, Clock clock) {
        this.replica = replica;
        this.settings = settings;
        this.clock = clock;
        this.sweep = new CaptureSweep(settings);
        this.claim = new BucketClaim(settings);
        this.incremental = new IncrementalRefresher(settings.recomputeJit(), settings.fullRebuildPercent());
    }

    ReportOutcome refresh(Report view, boolean full) {
        Instant start = clock.instant();
        try (Connection connection = replica.getConnection()) {
            if (view.incremental().map(Incremental::swept).orElse(false) && !sweep.run(connection, view)) {
                return outcome(view, ReportOutcome.Status.LOCKED, start, Optional.empty(), null);
            }
            if (view.isIncremental()) {
                claim.run(connection, view);
            }
            return inTransaction(connection, view, full, start);
        } catch (SQLException | DataAccessException e) {
            return outcome(view, ReportOutcome.Status.FAILED, start, Optional.empty(), e);
        }
    }

    private ReportOutcome inTransaction(Connection connection, Report view, boolean full, Instant start)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            DSLContext tx = DSL.using(connection, SQLDialect.POSTGRES);
            setLocals(tx);
            if (!ReportLock.tryTake(tx, view)) {
                connection.rollback();
                return outcome(view, ReportOutcome.Status.LOCKED, start, Optional.empty(), null);
            }
            if (view.tableBacked()) {
                IncrementalRefresher.Result result = incremental.refresh(tx, view, full, settings.timeZone());
                connection.commit();
                return outcome(
                        view,
                        result.mode(),
                        ReportOutcome.Status.SUCCEEDED,
                        start,
                        Optional.of(result.rows()),
                        result.counts(),
                        null);
            }
            long rows = refreshAndAnalyze(tx, view);
            connection.commit();
            return outcome(view, ReportOutcome.Status.SUCCEEDED, start, Optional.of(rows), null);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private void setLocals(DSLContext tx) {
        // A report refreshed in full is a few aggregates and window functions over tables or
        // ledgers: JIT compiling it costs more than it saves (monthly_rfm at 100,000 orders on
        // Debian's 15: 603 ms with JIT, 74 ms without). refresh.full-jit gives it back.
        RecomputeSettings.jit(tx, settings.fullJit());
        // A process killed in the middle of a refresh leaves its session running the statement,
        // with the report's lock, until it ends: a takeover 2 to 3 s later would find the lock
        // held. Checking the client every second ends such a session within about a second
        // (client_connection_check_interval, PostgreSQL 14 and later).
        tx.fetch(
                "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true),"
                        + " set_config('TimeZone', ?, true), CASE WHEN current_setting('server_version_num')::int >= 140000"
                        + " THEN set_config('client_connection_check_interval', '1s', true) END",
                settings.statementTimeout().toMillis() + "ms",
                settings.lockTimeout().toMillis() + "ms",
                settings.timeZone());
    }

    private static long refreshAndAnalyze(DSLContext tx, Report view) {
        Name name = name(view.schema(), view.name());
        boolean concurrently = view.mode() == RefreshMode.CONCURRENT;
        tx.execute(query("REFRESH MATERIALIZED VIEW {0} {1}", keyword(concurrently ? "CONCURRENTLY" : ""), name));
        long rows = tx.fetchCount(table(name));
        tx.execute(query("ANALYZE {0}", name));
        return rows;
    }

    private ReportOutcome outcome(
            Report view, ReportOutcome.Status status, Instant start, Optional<Long> rows, Exception error) {
        return outcome(view, view.mode(), status, start, rows, Optional.empty(), error);
    }

    private ReportOutcome outcome(
            Report view,
            RefreshMode mode,
            ReportOutcome.Status status,
            Instant start,
            Optional<Long> rows,
            Optional<BucketCounts> counts,
            Exception error) {
        Optional<String> message = Optional.ofNullable(error).map(ErrorMessages::serverMessage);
        if (status == ReportOutcome.Status.LOCKED) {
            message = Optional.of("another refresh of " + view.qualified() + " holds its lock");
        }
        return new ReportOutcome(
                view,
                mode,
                status,
                Optional.of(start),
                Optional.of(clock.instant()),
                rows,
                Optional.ofNullable(error).map(SqlStates::of),
                message,
                counts);
    }
}
