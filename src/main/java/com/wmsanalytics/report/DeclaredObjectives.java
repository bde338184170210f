package com.wmsanalytics.report;

import com.wmsanalytics.config.FreshnessObjectives;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** The freshness objectives that the installed report files declare ({@code warn-after}, {@code error-after}). */
public final class DeclaredObjectives {

    private DeclaredObjectives() {}

    /** By {@code schema.name}, for the reports whose file declares an objective. */
    public static Map<String, FreshnessObjectives.Declared> read(DSLContext db) {
        Map<String, FreshnessObjectives.Declared> declared = new HashMap<>();
        db.fetch(
                        "SELECT report_schema || '.' || report_name AS qualified, extract(epoch FROM warn_after)::bigint AS warn_after,"
                                + " extract(epoch FROM error_after)::bigint AS error_after, refresh_group, file"
                                + " FROM analytics_control.report_file WHERE warn_after IS NOT NULL OR error_after IS NOT NULL")
                .forEach(r -> declared.put(
                        r.get("qualified", String.class),
                        new FreshnessObjectives.Declared(
                                duration(r.get("warn_after", Long.class)),
                                duration(r.get("error_after", Long.class)),
                                Optional.ofNullable(r.get("refresh_group", String.class)),
                                r.get("file", String.class))));
        return declared;
    }

    private static Optional<Duration> duration(Long seconds) {
        return Optional.ofNullable(seconds).map(Duration::ofSeconds);
    }
}
