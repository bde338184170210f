package com.wmsanalytics.refresh;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_GROUP_MEMBER;

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
        return db.selectFrom(REFRESH_GROUP_MEMBER).fetch().stream()
                .collect(Collectors.toMap(r -> r.getViewSchema() + "." + r.getViewName(), r -> r.getRefreshGroup()));
    }
}
