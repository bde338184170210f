package com.wmsanalytics.refresh;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The refresh groups of each view. The refresh owns {@code analytics_control.refresh_group_member}
 * (migration V6) and {@code refresh_group_extra} (V18, a report's groups after its first): it is
 * the only code that reads them, and the run history's jOOQ classes leave them out.
 */
final class RefreshGroups {

    private static final Table<?> MEMBERS = table(name("analytics_control", "refresh_group_member"));
    private static final Table<?> EXTRA = table(name("analytics_control", "refresh_group_extra"));
    private static final Field<String> VIEW_SCHEMA = field(name("view_schema"), String.class);
    private static final Field<String> VIEW_NAME = field(name("view_name"), String.class);
    private static final Field<String> GROUP = field(name("refresh_group"), String.class);

    private final DSLContext db;

    RefreshGroups(DSLContext db) {
        this.db = db;
    }

    /** {@code schema.name} → its groups: the first one (the group that judges its freshness), then the others by name. */
    Map<String, List<String>> byView() {
        Map<String, List<String>> groups = new HashMap<>();
        for (Table<?> members : List.of(MEMBERS, EXTRA)) {
            db.select(VIEW_SCHEMA, VIEW_NAME, GROUP)
                    .from(members)
                    .orderBy(GROUP)
                    .fetch()
                    .forEach(r -> groups.computeIfAbsent(r.value1() + "." + r.value2(), k -> new ArrayList<>())
                            .add(r.value3()));
        }
        return groups;
    }
}
