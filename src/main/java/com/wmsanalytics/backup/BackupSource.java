package com.wmsanalytics.backup;

import com.wmsanalytics.UsageException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** What a backup reads from the replica before it dumps: versions, schemas and freshness. */
final class BackupSource {

    private final DSLContext replica;

    BackupSource(DSLContext replica) {
        this.replica = replica;
    }

    /** The server's major version, e.g. 14 or 17. */
    int serverMajor() {
        return value("SELECT current_setting('server_version_num')::int", Integer.class) / 10_000;
    }

    String serverVersion() {
        return value("SELECT current_setting('server_version')", String.class);
    }

    /** The newest applied migration; a replica that was never migrated has nothing to back up. */
    String migrationVersion() {
        if (value("SELECT to_regclass('analytics_control.flyway_schema_history')::text", String.class) == null) {
            throw new UsageException("the replica has no migrations applied, so there is nothing to back up;"
                    + " run `wms-analytics migrate` first");
        }
        return value(
                "SELECT version FROM analytics_control.flyway_schema_history"
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1",
                String.class);
    }

    /** The schemas that hold reports: those of the refresh groups and of the incremental reports. */
    List<String> reportSchemas() {
        return replica.fetch("SELECT view_schema FROM analytics_control.refresh_group_member"
                        + " UNION SELECT report_schema FROM analytics_control.incremental_report ORDER BY 1")
                .getValues(0, String.class);
    }

    /** Each report's data as of, as BI tools read it. */
    List<Manifest.Report> reports() {
        return replica.fetch("SELECT view_schema || '.' || view_name, data_as_of FROM analytics.report_freshness"
                        + " ORDER BY 1")
                .map(r -> new Manifest.Report(
                        r.get(0, String.class),
                        Optional.ofNullable(r.get(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
    }

    private <T> T value(String sql, Class<T> type) {
        return replica.fetchOne(sql).get(0, type);
    }
}
