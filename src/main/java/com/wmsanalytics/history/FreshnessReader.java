package com.wmsanalytics.history;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Reads {@code analytics.report_freshness}. The view lives in the BI-facing {@code analytics}
 * schema, outside the generated classes, so its columns are named here. Its data as of is
 * read from the run tables (see {@link #DATA_AS_OF}).
 */
final class FreshnessReader {

    private static final Table<Record> REPORT_FRESHNESS = table(name("analytics", "report_freshness"));
    private static final Field<String> VIEW_SCHEMA = field(name("view_schema"), SQLDataType.CLOB);
    private static final Field<String> VIEW_NAME = field(name("view_name"), SQLDataType.CLOB);
    private static final Field<String> REFRESH_GROUP = field(name("refresh_group"), SQLDataType.CLOB);
    private static final Field<Instant> LAST_SUCCESS_AT = field(name("last_success_at"), SQLDataType.INSTANT);
    /**
     * The data as of of the newest successful refresh that passed the gate. The view's own
     * column is that of the newest success, which is NULL after a refresh with --no-gate; such a
     * refresh does not make a report fresher, but the report still holds what the gate covered.
     */
    private static final Field<Instant> DATA_AS_OF = field("(SELECT r.data_as_of"
            + " FROM analytics_control.refresh_run_view v JOIN analytics_control.refresh_run r ON r.run_id = v.run_id"
            + " WHERE v.view_schema = report_freshness.view_schema AND v.view_name = report_freshness.view_name"
            + " AND v.status = 'succeeded' AND v.finished_at IS NOT NULL AND r.status <> 'ungated'"
            + " AND r.data_as_of IS NOT NULL ORDER BY v.finished_at DESC LIMIT 1)", SQLDataType.INSTANT);
    private static final Field<Long> LAST_DURATION_MS = field(name("last_duration_ms"), SQLDataType.BIGINT);
    private static final Field<String> LAST_STATUS = field(name("last_status"), SQLDataType.CLOB);
    private static final Field<Instant> LAST_ATTEMPT_AT = field(name("last_attempt_at"), SQLDataType.INSTANT);

    private FreshnessReader() {}

    /** Every materialized view, by schema and name. */
    static List<Freshness> read(DSLContext db) {
        return db.select(VIEW_SCHEMA, VIEW_NAME, REFRESH_GROUP, LAST_SUCCESS_AT, DATA_AS_OF, LAST_DURATION_MS,
                        LAST_STATUS, LAST_ATTEMPT_AT)
                .from(REPORT_FRESHNESS)
                .orderBy(VIEW_SCHEMA, VIEW_NAME)
                .fetch(r -> new Freshness(r.value1(), r.value2(), Optional.ofNullable(r.value3()),
                        Optional.ofNullable(r.value4()), Optional.ofNullable(r.value5()),
                        Optional.ofNullable(r.value6()).map(Duration::ofMillis), Optional.ofNullable(r.value7()),
                        Optional.ofNullable(r.value8())));
    }
}
