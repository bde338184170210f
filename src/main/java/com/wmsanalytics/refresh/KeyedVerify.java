package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.resultQuery;
import static org.jooq.impl.DSL.val;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * {@code verify} of a report kept by key: the table against its whole definition, key by key,
 * leaving out the keys the next refresh recomputes anyway (dirty, claimed, or written since the
 * last sweep).
 */
final class KeyedVerify {

    private KeyedVerify() {}

    static ReportVerifier.Check compare(DSLContext tx, Report report, Incremental spec) {
        String pending = KeyedRecompute.array(List.copyOf(pending(tx, report)));
        Name key = name(spec.bucketColumn());
        List<String> differing = tx
                .fetch(resultQuery(
                        "WITH d AS (SELECT * FROM {0}(NULL, true)),"
                                + " diff AS ((TABLE {1} EXCEPT ALL SELECT * FROM d) UNION ALL (SELECT * FROM d EXCEPT ALL TABLE {1}))"
                                + " SELECT DISTINCT {2}::text AS key FROM diff WHERE {2}::text <> ALL ({3}::text[]) ORDER BY 1",
                        IncrementalRefresher.definition(spec), table(report), key, val(pending)))
                .stream()
                .map(r -> r.get("key", String.class))
                .toList();
        long keys = tx.fetchOne(resultQuery("SELECT count(DISTINCT {0}) AS n FROM {1}", key, table(report)))
                .get("n", Long.class);
        long pendingHeld = tx.fetchOne(resultQuery(
                        "SELECT count(DISTINCT {0}) AS n FROM {1} WHERE {0}::text = ANY ({2}::text[])",
                        key, table(report), val(pending)))
                .get("n", Long.class);
        return new ReportVerifier.Check(
                report,
                differing.isEmpty() ? ReportVerifier.Status.OK : ReportVerifier.Status.DIFFERS,
                keys - pendingHeld,
                pendingHeld,
                differing,
                Optional.empty());
    }

    /** Recomputes the keys that differ; the caller holds the report's lock. */
    static void repair(DSLContext tx, Report report, Incremental spec, List<String> keys) {
        String type = KeyedRecompute.keyType(tx, report);
        String array = KeyedRecompute.array(keys);
        tx.execute(query(
                "DELETE FROM {0} WHERE {1} = ANY ({2}::" + type + "[])",
                table(report),
                name(spec.bucketColumn()),
                inline(array)));
        tx.execute(query(
                "INSERT INTO {0} SELECT * FROM {1}({2}::" + type + "[], false)",
                table(report),
                IncrementalRefresher.definition(spec),
                inline(array)));
    }

    private static TreeSet<String> pending(DSLContext tx, Report report) {
        TreeSet<String> keys = new TreeSet<>();
        tx.fetch(
                        "SELECT key FROM analytics_control.dirty_key WHERE report_schema = ? AND report_name = ?"
                                + " UNION SELECT key FROM analytics_control.claimed_key WHERE report_schema = ? AND report_name = ?"
                                + " UNION SELECT key FROM analytics_control.fed_key WHERE report_schema = ? AND report_name = ?",
                        report.schema(),
                        report.name(),
                        report.schema(),
                        report.name(),
                        report.schema(),
                        report.name())
                .forEach(r -> keys.add(r.get("key", String.class)));
        keys.addAll(ReportSweeps.unswept(tx, report, String.class));
        return keys;
    }

    private static Name table(Report report) {
        return name(report.schema(), report.name());
    }
}
