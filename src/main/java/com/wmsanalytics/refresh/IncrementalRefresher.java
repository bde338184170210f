package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.resultQuery;
import static org.jooq.impl.DSL.val;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;

/**
 * Refreshes one table-backed report inside the caller's transaction: claims its dirty
 * buckets, deletes their rows and those of its open window, inserts the rows its definition
 * computes for just those buckets, and passes the rewritten buckets on to the reports that
 * read it, and the keys of the rows it changed to the reports kept by key that follow it. A
 * first refresh, a changed definition, source table or time zone, a request for one, or more of
 * its buckets to recompute than {@code refresh.full-rebuild-percent} allows
 * ({@link RecomputeBound}), rebuilds it in full instead. A report of kind table is rebuilt at
 * every refresh ({@link ReplacedRefresh}). A rollback leaves the rows and the dirty buckets as
 * they were.
 */
final class IncrementalRefresher {

    /** Recomputing more than this share of the rows is "much changed": ANALYZE follows. */
    private static final double ANALYZE_SHARE = 0.1;

    /** What a refresh did: its mode, the buckets or keys it recomputed (none for a report of kind table), its rows. */
    record Result(RefreshMode mode, Optional<BucketCounts> counts, long rows) {}

    private final ReportState state;
    private final boolean recomputeJit;
    private final RecomputeBound bound;

    /**
     * @param recomputeJit whether a bucketed recompute may use JIT (see {@link RecomputeSettings})
     * @param fullRebuildPercent the share of buckets or keys above which it rebuilds in full ({@link RecomputeBound})
     */
    IncrementalRefresher(boolean recomputeJit, int fullRebuildPercent) {
        this.state = new ReportState();
        this.recomputeJit = recomputeJit;
        this.bound = new RecomputeBound(fullRebuildPercent);
    }

    Result refresh(DSLContext tx, Report report, boolean forceFull, String timeZone) {
        Incremental spec = report.incremental().orElseThrow();
        tx.execute("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)");
        state.recordTimeZone(tx, timeZone);
        ReportState.Snapshot before = state.lock(tx, report);
        state.claimRebuildRequests(tx, report);
        if (spec.replaced()) {
            BucketCounts replaced = ReplacedRefresh.run(tx, report, spec, state);
            state.recordRefreshed(tx, report, timeZone, before.currentSignature(), replaced.rowsInserted());
            return new Result(RefreshMode.FULL, Optional.empty(), replaced.rowsInserted());
        }
        Optional<String> fullReason = forceFull ? Optional.of("asked for") : before.fullReason(timeZone);
        if (fullReason.isEmpty() && bound.active()) {
            fullReason = spec.keyed()
                    ? bound.forKeys(tx, report)
                    : bound.forBuckets(tx, report, spec, state.recomputeFrom(tx, before, spec, timeZone));
        }
        BucketCounts counts;
        if (spec.keyed()) {
            counts = fullReason.isPresent()
                    ? KeyedRecompute.rebuild(tx, report, spec)
                    : KeyedRecompute.recompute(tx, report, spec, KeyedRecompute.keyType(tx, report));
            if (counts.rowsDeleted() + counts.rowsInserted() > 0) {
                state.markDependentsFull(tx, report);
            }
        } else {
            counts = fullReason.isPresent() ? rebuild(tx, report, spec) : recompute(tx, report, spec, before, timeZone);
        }
        long rows = rows(tx, report, before, counts, fullReason.isPresent());
        state.recordRefreshed(tx, report, timeZone, before.currentSignature(), rows);
        if (fullReason.isPresent() || counts.rowsDeleted() + counts.rowsInserted() > ANALYZE_SHARE * rows) {
            tx.execute(query("ANALYZE {0}", table(report)));
        }
        return new Result(
                fullReason.isPresent() ? RefreshMode.FULL : RefreshMode.INCREMENTAL, Optional.of(counts), rows);
    }

    /**
     * The report's rows after the refresh: a rebuild deleted them all and inserted these; a
     * recompute changed the count its last refresh recorded by what it inserted and deleted. Only
     * when that count is unknown is the table counted (see migration V21).
     */
    private static long rows(
            DSLContext tx, Report report, ReportState.Snapshot before, BucketCounts counts, boolean full) {
        if (full) {
            return counts.rowsInserted();
        }
        return before.rowCount()
                .map(n -> n + counts.rowsInserted() - counts.rowsDeleted())
                .filter(n -> n >= 0)
                .orElseGet(() -> (long) tx.fetchCount(tx.selectFrom(table(report))));
    }

    private BucketCounts rebuild(DSLContext tx, Report report, Incremental spec) {
        state.claimDirty(tx, report);
        long deleted = tx.execute(query("DELETE FROM {0}", table(report)));
        long inserted = tx.execute(query(
                "INSERT INTO {0} SELECT * FROM {1}(ARRAY[]::date[], '-infinity'::date)",
                table(report), definition(spec)));
        long buckets = tx.fetchOne(resultQuery(
                        "SELECT count(DISTINCT {0}) AS n FROM {1}", name(spec.bucketColumn()), table(report)))
                .get("n", Long.class);
        state.markDependentsFull(tx, report);
        return new BucketCounts(buckets, deleted, inserted);
    }

    private BucketCounts recompute(
            DSLContext tx, Report report, Incremental spec, ReportState.Snapshot before, String timeZone) {
        RecomputeSettings.bucketed(tx, recomputeJit);
        TreeSet<LocalDate> claimed = new TreeSet<>(state.claimDirty(tx, report));
        String claimedArray = dateArray(List.copyOf(claimed));
        String from = state.recomputeFrom(tx, before, spec, timeZone);
        List<ReportState.KeyFeed> feeds = state.keyFeeds(tx, report);
        String returning = ChangedKeys.returning(feeds);
        List<Record> deletedRows = tx.fetch(resultQuery(
                "DELETE FROM {0} AS " + ChangedKeys.ALIAS + " WHERE {1} >= {2}::date OR {1} = ANY ({3}::date[])"
                        + " RETURNING {1} AS bucket" + returning,
                table(report),
                name(spec.bucketColumn()),
                val(from),
                val(claimedArray)));
        // The buckets and the window's start are literals, not parameters: a parameter reaches the
        // planner as text cast to date, which it cannot fold, so the full rebuild's branch would
        // stay in the plan with its scans of the whole history, and with enable_seqscan off their
        // cost would blind the planner's choice of every join (1.2 s instead of 20 ms for
        // daily_throughput at 100,000 orders on PostgreSQL 17). The dates come from the database.
        List<Record> insertedRows = tx.fetch(resultQuery(
                "INSERT INTO {0} AS " + ChangedKeys.ALIAS + " SELECT * FROM {1}({2}::date[], {3}::date)"
                        + " RETURNING {4} AS bucket" + returning,
                table(report),
                definition(spec),
                inline(claimedArray),
                inline(from),
                name(spec.bucketColumn())));
        List<LocalDate> deleted = dates(deletedRows);
        List<LocalDate> inserted = dates(insertedRows);
        for (int i = 0; i < feeds.size(); i++) {
            state.fedKeys(tx, feeds.get(i), ChangedKeys.of(deletedRows, insertedRows, i));
        }
        TreeSet<LocalDate> rewritten = new TreeSet<>(claimed);
        rewritten.addAll(deleted);
        rewritten.addAll(inserted);
        state.markDependentsDirty(tx, report, dateArray(List.copyOf(rewritten)));
        return new BucketCounts(rewritten.size(), deleted.size(), inserted.size());
    }

    private static Name table(Report report) {
        return name(report.schema(), report.name());
    }

    static Name definition(Incremental spec) {
        return name(spec.definition().schema(), spec.definition().name());
    }

    private static List<LocalDate> dates(List<Record> rows) {
        return rows.stream().map(r -> r.get("bucket", LocalDate.class)).toList();
    }

    /** A date[] literal: the dates come from the database, never from a user. */
    static String dateArray(List<LocalDate> dates) {
        return "{" + String.join(",", dates.stream().map(LocalDate::toString).toList()) + "}";
    }
}
