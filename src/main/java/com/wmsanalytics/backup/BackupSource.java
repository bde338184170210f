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
        return value("SELECT current_setting('server_version_num')::int AS value", Integer.class) / 10_000;
    }

    String serverVersion() {
        return value("SELECT current_setting('server_version') AS value", String.class);
    }

    /** The newest applied migration; a replica that was never migrated has nothing to back up. */
    String migrationVersion() {
        if (value("SELECT to_regclass('analytics_control.flyway_schema_history')::text AS value", String.class)
                == null) {
            throw new UsageException("the replica has no migrations applied, so there is nothing to back up;"
                    + " run `wms-analytics migrate` first");
        }
        return value(
                "SELECT version AS value FROM analytics_control.flyway_schema_history"
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1",
                String.class);
    }

    /** The schemas that hold reports: those of the refresh groups and of the incremental reports. */
    List<String> reportSchemas() {
        return replica.fetch("SELECT view_schema AS report_schema FROM analytics_control.refresh_group_member"
                        + " UNION SELECT report_schema FROM analytics_control.incremental_report ORDER BY 1")
                .getValues("report_schema", String.class);
    }

    /** Each report's data as of, as BI tools read it. */
    List<Manifest.Report> reports() {
        return replica.fetch(
                        "SELECT view_schema || '.' || view_name AS report, data_as_of FROM analytics.report_freshness"
                                + " ORDER BY 1")
                .map(r -> new Manifest.Report(
                        r.get("report", String.class),
                        Optional.ofNullable(r.get("data_as_of", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)));
    }

    private <T> T value(String sql, Class<T> type) {
        return replica.fetchOne(sql).get("value", type);
    }
}
