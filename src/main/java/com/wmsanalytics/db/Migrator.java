package com.wmsanalytics.db;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the SQL migrations shipped in the jar with Flyway. */
public final class Migrator {

    /** What one {@code migrate} did. */
    public record Outcome(String target, int applied, String version) {

        public String summary() {
            return applied == 0
                    ? target + ": up to date at version " + version
                    : target + ": applied " + applied + " migration(s), now at version " + version;
        }
    }

    private Migrator() {}

    /** The analytics replica: mirror, analytics schemas and views, control tables. */
    public static Outcome migrateReplica(DataSource replica) {
        Flyway flyway = Flyway.configure()
                .dataSource(replica)
                .locations("classpath:migrations/replica")
                .schemas("analytics_control")
                .createSchemas(true)
                .table("flyway_schema_history")
                .load();
        return migrate("replica", flyway);
    }

    /**
     * A WMS primary for the demo or a staging copy. Its history table lives outside the
     * published {@code wms} schema, so it is never replicated.
     */
    public static Outcome migratePrimary(String name, DataSource primary) {
        Flyway flyway = Flyway.configure()
                .dataSource(primary)
                .locations("classpath:migrations/primary")
                .schemas("public")
                .table("wms_analytics_schema_history")
                .load();
        return migrate("publisher " + name, flyway);
    }

    private static Outcome migrate(String target, Flyway flyway) {
        try {
            MigrateResult result = flyway.migrate();
            String version =
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new Outcome(target, result.migrationsExecuted, version);
        } catch (FlywayException e) {
            if (SqlStates.isConnectionFailure(e)) {
                throw new ConnectionException("cannot migrate " + target + ": " + ErrorMessages.firstLine(e), e);
            }
            throw new WmsAnalyticsException(
                    ExitCode.FAILED, "migration of " + target + " failed: " + ErrorMessages.firstLine(e), e);
        }
    }
}
