package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.resultQuery;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The generated sweeps of a report file ({@code analytics_control.report_sweep}): one per source
 * whose new rows are swept, each with a function that records what it finds and moves the mark,
 * and one that only lists it.
 */
final class ReportSweeps {

    private ReportSweeps() {}

    /** Runs each sweep of the report, then summarizes its table's new BRIN ranges. */
    static void run(DSLContext tx, Report report) {
        for (Record sweep : functions(tx, report, "sweep", ", w.source_table::oid::bigint AS source_table")) {
            tx.fetch(resultQuery(
                    "SELECT {0}()",
                    name(sweep.get("function_schema", String.class), sweep.get("function_name", String.class))));
            tx.fetch(
                    "SELECT analytics_control.summarize_applied_xid(?::oid::regclass)",
                    sweep.get("source_table", Long.class));
        }
    }

    /** What the report's sweeps would record now, without recording it: buckets or keys, as {@code type}. */
    static <T> List<T> unswept(DSLContext tx, Report report, Class<T> type) {
        return functions(tx, report, "unswept", "").stream()
                .flatMap(f -> tx
                        .fetch(resultQuery(
                                "SELECT * FROM {0}() AS u(value)",
                                name(f.get("function_schema", String.class), f.get("function_name", String.class))))
                        .stream())
                .map(r -> r.get("value", type))
                .toList();
    }

    private static List<Record> functions(DSLContext tx, Report report, String which, String extra) {
        return tx.fetch(
                "SELECT p.pronamespace::regnamespace::text AS function_schema, p.proname AS function_name" + extra
                        + " FROM analytics_control.report_sweep w"
                        + " JOIN pg_proc p ON p.oid = w." + which
                        + " WHERE w.report_schema = ? AND w.report_name = ? ORDER BY w.source_table::oid",
                report.schema(),
                report.name());
    }
}
