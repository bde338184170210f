package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.resultQuery;
import static org.jooq.impl.DSL.val;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Bounds what a bucketed or keyed recompute may cost: when it would recompute more than {@code
 * refresh.full-rebuild-percent} of a report's buckets (or keys), the refresh rebuilds the report
 * in full instead, which reads the history once, in one pass. By default (100) it never does:
 * measured, the recompute by index was cheaper than the full rebuild even for nearly every
 * bucket (daily_orders at 1,000,000 orders over 1,200 days on Debian's PostgreSQL 15: 1,100
 * closed days corrected, 2,289 ms to recompute them against 2,707 ms to rebuild it;
 * {@code BurstBenchmark}). A report whose recompute costs more per bucket, a heavy join per
 * bucket say, can set a share. Reports of fewer than {@link #MIN_BUCKETS} buckets or keys are
 * left to the recompute: both paths are cheap there.
 *
 * <p>The estimate reads no source table: the distinct buckets claimed before the open window
 * plus the buckets of the open window, against every bucket from the report's first to its
 * last; by key, the keys claimed against the report's rows.
 */
final class RecomputeBound {

    static final int MIN_BUCKETS = 16;

    /** The buckets or keys a recompute would rewrite, and all the report has. */
    record Estimate(long recompute, long total) {}

    private final int percent;

    /** @param percent the share of buckets or keys, 1 to 100, above which the report is rebuilt in full */
    RecomputeBound(int percent) {
        this.percent = percent;
    }

    /** Whether the bound can apply: at 100 % it never does, and a refresh counts nothing for it. */
    boolean active() {
        return percent < 100;
    }

    /** Why a report kept by time is rebuilt in full rather than recomputed from {@code from}, if it should be. */
    Optional<String> forBuckets(DSLContext tx, Report report, Incremental spec, String from) {
        return reason(buckets(tx, report, spec, from), "buckets");
    }

    /** Why a report kept by key is rebuilt in full rather than recomputed, if it should be. */
    Optional<String> forKeys(DSLContext tx, Report report) {
        return reason(keys(tx, report), "keys");
    }

    private Optional<String> reason(Estimate estimate, String unit) {
        if (estimate.total() < MIN_BUCKETS || estimate.recompute() * 100 <= estimate.total() * percent) {
            return Optional.empty();
        }
        return Optional.of(estimate.recompute() + " of " + estimate.total() + " " + unit + " to recompute, more than "
                + percent + "%: rebuilt in full, which reads each once");
    }

    private static Estimate buckets(DSLContext tx, Report report, Incremental spec, String from) {
        Record r = tx.fetchOne(resultQuery(
                "WITH r AS (SELECT min({0}) AS first, max({0}) AS last FROM {1}),"
                        + " s AS (SELECT {4}::interval AS step)"
                        + " SELECT (SELECT count(DISTINCT c.bucket) FROM analytics_control.claimed_bucket c, r"
                        + "         WHERE c.report_schema = {2} AND c.report_name = {3}"
                        + "         AND c.bucket >= r.first AND c.bucket < {5}::date)"
                        + "      + (SELECT count(*) FROM r, s, generate_series(greatest(r.first, {5}::date), r.last, s.step))"
                        + " AS dirty, (SELECT count(*) FROM r, s, generate_series(r.first, r.last, s.step)) AS total",
                name(spec.bucketColumn()),
                name(report.schema(), report.name()),
                val(report.schema()),
                val(report.name()),
                val("1 " + spec.bucketUnit()),
                val(from)));
        return new Estimate(r.get("dirty", Long.class), r.get("total", Long.class));
    }

    private static Estimate keys(DSLContext tx, Report report) {
        Record r = tx.fetchOne(resultQuery(
                "SELECT (SELECT count(*) FROM analytics_control.claimed_key c WHERE c.report_schema = {0}"
                        + " AND c.report_name = {1}) AS dirty, (SELECT count(*) FROM {2}) AS total",
                val(report.schema()), val(report.name()), name(report.schema(), report.name())));
        return new Estimate(r.get("dirty", Long.class), r.get("total", Long.class));
    }
}
