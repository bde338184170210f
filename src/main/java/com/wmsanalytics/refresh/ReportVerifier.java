package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.resultQuery;
import static org.jooq.impl.DSL.val;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.config.RefreshSettings;
import com.wmsanalytics.db.SqlStates;
import com.wmsanalytics.text.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Checks an incremental report against its full definition: recomputes every bucket from the
 * definition in a read-only, repeatable-read transaction and compares with EXCEPT ALL both
 * ways. Buckets the next refresh recomputes anyway (dirty ones and the open window) are not
 * compared, since changes applied after the last refresh are expected there. A repair
 * recomputes the differing buckets in a transaction of its own, under the report's refresh
 * lock, and marks them dirty in the reports that read it.
 */
public final class ReportVerifier {

    /** SQLSTATE of a statement cancelled, here by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    /** What a check found. */
    public record Check(
            Report report,
            Status status,
            long bucketsCompared,
            long bucketsPending,
            List<String> differing,
            Optional<String> reason) {

        public Check {
            differing = List.copyOf(differing);
        }
    }

    public enum Status {
        /** Every compared bucket equals the definition. */
        OK,
        /** Some buckets differ. */
        DIFFERS,
        /** They differed and were recomputed. */
        REPAIRED,
        /** Nothing to compare: a materialized view, or a full rebuild is due. */
        SKIPPED,
        /** Another refresh held the report's lock, so it could not be repaired. */
        LOCKED
    }

    private final DataSource replica;
    private final RefreshSettings settings;
    private final ReportState state = new ReportState();

    public ReportVerifier(DataSource replica, RefreshSettings settings) {
        this.replica = replica;
        this.settings = settings;
    }

    public Check verify(Report report, boolean repair) {
        if (report.incremental().isEmpty()) {
            return skipped(report, "a materialized view, refreshed from its definition each time");
        }
        if (!report.isIncremental()) {
            return skipped(report, "a table rebuilt from its definition at every refresh");
        }
        Check check = inTransaction(report, true, tx -> compare(tx, report));
        if (!repair || check.status() != Status.DIFFERS) {
            return check;
        }
        return inTransaction(report, false, tx -> repair(tx, report, check));
    }

    private Check compare(DSLContext tx, Report report) {
        Incremental spec = report.incremental().orElseThrow();
        ReportState.Snapshot snapshot = state.read(tx, report);
        Optional<String> rebuild = snapshot.fullReason(settings.timeZone());
        if (rebuild.isPresent()) {
            return skipped(report, "its next refresh rebuilds it in full (" + rebuild.get() + ")");
        }
        if (spec.keyed()) {
            return KeyedVerify.compare(tx, report, spec);
        }
        TreeSet<LocalDate> pendingBuckets = new TreeSet<>(state.dirty(tx, report));
        List<LocalDate> dirty = List.copyOf(pendingBuckets);
        String from = state.recomputeFrom(tx, snapshot, spec, settings.timeZone());
        String dirtyArray = IncrementalRefresher.dateArray(dirty);
        Name column = name(spec.bucketColumn());
        List<LocalDate> differing = tx
                .fetch(resultQuery(
                        "WITH d AS (SELECT * FROM {0}(ARRAY[]::date[], '-infinity'::date)),"
                                + " diff AS ((TABLE {1} EXCEPT ALL SELECT * FROM d) UNION ALL (SELECT * FROM d EXCEPT ALL TABLE {1}))"
                                + " SELECT DISTINCT {2} AS bucket FROM diff WHERE NOT ({2} >= {3}::date OR {2} = ANY ({4}::date[])) ORDER BY 1",
                        IncrementalRefresher.definition(spec), table(report), column, val(from), val(dirtyArray)))
                .stream()
                .map(r -> r.get("bucket", LocalDate.class))
                .toList();
        long pending = tx.fetchOne(resultQuery(
                        "SELECT count(DISTINCT {0}) AS n FROM {1} WHERE {0} >= {2}::date OR {0} = ANY ({3}::date[])",
                        column, table(report), val(from), val(dirtyArray)))
                .get("n", Long.class);
        long compared = tx.fetchOne(resultQuery("SELECT count(DISTINCT {0}) AS n FROM {1}", column, table(report)))
                        .get("n", Long.class)
                - pending;
        return new Check(
                report,
                differing.isEmpty() ? Status.OK : Status.DIFFERS,
                compared,
                pending,
                differing.stream().map(LocalDate::toString).toList(),
                Optional.empty());
    }

    private Check repair(DSLContext tx, Report report, Check found) {
        if (!ReportLock.tryTake(tx, report)) {
            return new Check(
                    report,
                    Status.LOCKED,
                    found.bucketsCompared(),
                    found.bucketsPending(),
                    found.differing(),
                    Optional.of("another refresh of " + report.qualified() + " holds its lock"));
        }
        Incremental spec = report.incremental().orElseThrow();
        if (spec.keyed()) {
            KeyedVerify.repair(tx, report, spec, found.differing());
        } else {
            repairBuckets(tx, report, spec, found.differing());
        }
        state.forgetRowCount(tx, report);
        return new Check(
                report,
                Status.REPAIRED,
                found.bucketsCompared(),
                found.bucketsPending(),
                found.differing(),
                Optional.empty());
    }

    private void repairBuckets(DSLContext tx, Report report, Incremental spec, List<String> differing) {
        String buckets = IncrementalRefresher.dateArray(
                differing.stream().map(LocalDate::parse).toList());
        tx.execute(DSL.query(
                "DELETE FROM {0} WHERE {1} = ANY ({2}::date[])",
                table(report), name(spec.bucketColumn()), val(buckets)));
        tx.execute(DSL.query(
                "INSERT INTO {0} SELECT * FROM {1}({2}::date[], 'infinity'::date)",
                table(report), IncrementalRefresher.definition(spec), val(buckets)));
        state.markDependentsDirty(tx, report, buckets);
        state.markKeyFollowersFull(tx, report);
    }

    private static Check skipped(Report report, String reason) {
        return new Check(report, Status.SKIPPED, 0, 0, List.of(), Optional.of(reason));
    }

    private static Name table(Report report) {
        return name(report.schema(), report.name());
    }

    /**
     * Runs a check or a repair in a transaction of its own. A check stopped by
     * {@code statement_timeout} is named in the user's terms, with what to do, not as an
     * internal error.
     */
    private Check inTransaction(Report report, boolean readOnly, Function<DSLContext, Check> work) {
        try {
            return transaction(readOnly, work);
        } catch (DataAccessException e) {
            if (QUERY_CANCELED.equals(SqlStates.of(e))) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        report.qualified() + ": verify ran longer than"
                                + " refresh.statement-timeout (" + Durations.human(settings.statementTimeout())
                                + "); raise it, or"
                                + " verify one report at a time",
                        e);
            }
            throw e;
        }
    }

    private Check transaction(boolean readOnly, Function<DSLContext, Check> work) {
        try (Connection connection = replica.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DSLContext tx = DSL.using(connection, SQLDialect.POSTGRES);
                tx.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, " + (readOnly ? "READ ONLY" : "READ WRITE"));
                tx.fetch(
                        "SELECT set_config('statement_timeout', ?, true), set_config('TimeZone', ?, true),"
                                + " set_config('plan_cache_mode', 'force_custom_plan', true)",
                        settings.statementTimeout().toMillis() + "ms",
                        settings.timeZone());
                Check check = work.apply(tx);
                connection.commit();
                return check;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }
}
