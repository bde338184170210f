package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Table;

/**
 * The refresh group of each view. The refresh owns {@code analytics_control.refresh_group_member}
 * (migration V6): it is the only code that reads it, and the run history's jOOQ classes leave it out.
 */
final class RefreshGroups {

    private static final Table<?> MEMBERS = table(name("analytics_control", "refresh_group_member"));
    private static final Field<String> VIEW_SCHEMA = field(name("view_schema"), String.class);
    private static final Field<String> VIEW_NAME = field(name("view_name"), String.class);
    private static final Field<String> GROUP = field(name("refresh_group"), String.class);

    private final DSLContext db;

    RefreshGroups(DSLContext db) {
        this.db = db;
    }

    /** {@code schema.name} → group. */
    Map<String, String> byView() {
        return db.select(VIEW_SCHEMA, VIEW_NAME, GROUP).from(MEMBERS).fetch().stream()
                .collect(Collectors.toMap(r -> r.value1() + "." + r.value2(), Record3::value3));
    }
}
