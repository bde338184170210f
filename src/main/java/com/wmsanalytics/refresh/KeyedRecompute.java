package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.resultQuery;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The refresh of a report kept by key, inside the caller's transaction: deletes the rows of
 * the keys claimed for it and inserts those its definition computes for just those keys, or
 * rebuilds it whole. Its definition is {@code <report>_rows(keys TYPE[], all boolean)}; the keys
 * are a literal, so that the planner folds {@code all} away and probes the keys' rows.
 */
final class KeyedRecompute {

    private KeyedRecompute() {}

    static BucketCounts rebuild(DSLContext tx, Report report, Incremental spec) {
        claim(tx, report);
        long deleted = tx.execute(query("DELETE FROM {0}", table(report)));
        long inserted = tx.execute(query(
                "INSERT INTO {0} SELECT * FROM {1}(NULL, true)", table(report), IncrementalRefresher.definition(spec)));
        long keys = tx.fetchOne(resultQuery(
                        "SELECT count(DISTINCT {0}) AS n FROM {1}", name(spec.bucketColumn()), table(report)))
                .get("n", Long.class);
        return new BucketCounts(keys, deleted, inserted);
    }

    static BucketCounts recompute(DSLContext tx, Report report, Incremental spec, String keyType) {
        List<String> keys = claim(tx, report);
        if (keys.isEmpty()) {
            return new BucketCounts(0, 0, 0);
        }
        String array = array(keys);
        long deleted = tx.execute(query(
                "DELETE FROM {0} WHERE {1} = ANY ({2}::" + keyType + "[])",
                table(report),
                name(spec.bucketColumn()),
                inline(array)));
        long inserted = tx.execute(query(
                "INSERT INTO {0} SELECT * FROM {1}({2}::" + keyType + "[], false)",
                table(report),
                IncrementalRefresher.definition(spec),
                inline(array)));
        return new BucketCounts(keys.size(), deleted, inserted);
    }

    /** Deletes and returns the keys claimed for the report (see {@link BucketClaim}); a rollback gives them back. */
    private static List<String> claim(DSLContext tx, Report report) {
        return tx
                .fetch(
                        "DELETE FROM analytics_control.claimed_key WHERE report_schema = ? AND report_name = ? RETURNING key",
                        report.schema(),
                        report.name())
                .stream()
                .map(r -> r.get("key", String.class))
                .sorted()
                .toList();
    }

    /** An array literal of keys, each quoted: keys are data, and may hold commas, quotes or braces. */
    static String array(List<String> keys) {
        return "{"
                + String.join(
                        ",",
                        keys.stream()
                                .map(k -> "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                .toList())
                + "}";
    }

    static String keyType(DSLContext tx, Report report) {
        return tx.fetchOne(
                        "SELECT key_type FROM analytics_control.incremental_report WHERE report_schema = ? AND report_name = ?",
                        report.schema(),
                        report.name())
                .get("key_type", String.class);
    }

    private static Name table(Report report) {
        return name(report.schema(), report.name());
    }
}
