package com.wmsanalytics.refresh;

import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** The refresh group of each view, from {@code analytics_control.refresh_group_member}. */
final class RefreshGroups {

    private final DSLContext db;

    RefreshGroups(DSLContext db) {
        this.db = db;
    }

    /** {@code schema.name} → group. */
    Map<String, String> byView() {
        return db.fetch("SELECT view_schema || '.' || view_name, refresh_group FROM analytics_control.refresh_group_member")
                .stream()
                .collect(Collectors.toMap(r -> r.get(0, String.class), r -> r.get(1, String.class)));
    }
}
