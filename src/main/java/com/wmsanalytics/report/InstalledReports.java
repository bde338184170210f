package com.wmsanalytics.report;

import com.wmsanalytics.db.SqlColumn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What {@code migrate} installed from report files ({@code analytics_control.report_file}),
 * with each report's refresh groups ({@code analytics_control.refresh_group_member} for its first,
 * {@code refresh_group_extra} for the others).
 */
final class InstalledReports {

    private static final SqlColumn<String> SCHEMA = SqlColumn.of("report_schema", String.class);
    private static final SqlColumn<String> NAME = SqlColumn.of("report_name", String.class);
    private static final SqlColumn<String> FILE = SqlColumn.of("file", String.class);
    private static final SqlColumn<String> OWN_FINGERPRINT = SqlColumn.of("own_fingerprint", String.class);
    private static final SqlColumn<String> FINGERPRINT = SqlColumn.of("fingerprint", String.class);
    private static final SqlColumn<String> MIGRATION = SqlColumn.of("migration", String.class);

    /** One installed report. */
    record Installed(
            String schema, String name, String file, String ownFingerprint, String fingerprint, String migration) {
        String qualified() {
            return schema + "." + name;
        }
    }

    private static final String TABLE = "analytics_control.report_file";

    private final DSLContext db;

    InstalledReports(DSLContext db) {
        this.db = db;
    }

    /** By {@code schema.name}, in name order. */
    Map<String, Installed> all() {
        Map<String, Installed> all = new LinkedHashMap<>();
        db.fetch("SELECT report_schema, report_name, file, own_fingerprint, fingerprint, migration FROM " + TABLE
                        + " ORDER BY 1, 2")
                .forEach(r -> {
                    Installed i = new Installed(
                            SCHEMA.from(r),
                            NAME.from(r),
                            FILE.from(r),
                            OWN_FINGERPRINT.from(r),
                            FINGERPRINT.from(r),
                            MIGRATION.from(r));
                    all.put(i.qualified(), i);
                });
        return all;
    }

    Optional<String> fingerprint(ReportFile file) {
        return db.fetchOptional(
                        "SELECT fingerprint FROM " + TABLE + " WHERE report_schema = ? AND report_name = ?",
                        file.schema(),
                        file.name())
                .map(FINGERPRINT::from);
    }

    /** Records a report as installed from its file, and puts it in its group. */
    void record(ReportFile file, String fingerprint, String migration) {
        forget(file.schema(), file.name());
        db.execute(
                "INSERT INTO " + TABLE + " (report_schema, report_name, file, kind, refresh_group, unique_key,"
                        + " warn_after, error_after, own_fingerprint, fingerprint, migration)"
                        + " VALUES (?, ?, ?, ?, ?, ?::text[], ?::interval, ?::interval, ?, ?, ?)",
                file.schema(),
                file.name(),
                file.path().toString(),
                file.kind().word(),
                file.group().orElse(null),
                file.uniqueKey().toArray(String[]::new),
                file.warnAfter().map(Duration::toString).orElse(null),
                file.errorAfter().map(Duration::toString).orElse(null),
                file.fingerprint(),
                fingerprint,
                migration);
        for (int i = 0; i < file.groups().size(); i++) {
            db.execute(
                    "INSERT INTO analytics_control." + (i == 0 ? "refresh_group_member" : "refresh_group_extra")
                            + " (view_schema, view_name, refresh_group) VALUES (?, ?, ?)",
                    file.schema(),
                    file.name(),
                    file.groups().get(i));
        }
    }

    /** Forgets a report and its group membership. */
    void forget(String schema, String name) {
        db.execute("DELETE FROM " + TABLE + " WHERE report_schema = ? AND report_name = ?", schema, name);
        for (String members : List.of("refresh_group_member", "refresh_group_extra")) {
            db.execute(
                    "DELETE FROM analytics_control." + members + " WHERE view_schema = ? AND view_name = ?",
                    schema,
                    name);
        }
    }
}
