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
 * schema, outside the generated classes, so its columns are named here.
 */
final class FreshnessReader {

    private static final Table<Record> REPORT_FRESHNESS = table(name("analytics", "report_freshness"));
    private static final Field<String> VIEW_SCHEMA = field(name("view_schema"), SQLDataType.CLOB);
    private static final Field<String> VIEW_NAME = field(name("view_name"), SQLDataType.CLOB);
    private static final Field<String> REFRESH_GROUP = field(name("refresh_group"), SQLDataType.CLOB);
    private static final Field<Instant> LAST_SUCCESS_AT = field(name("last_success_at"), SQLDataType.INSTANT);
    private static final Field<Instant> DATA_AS_OF = field(name("data_as_of"), SQLDataType.INSTANT);
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
