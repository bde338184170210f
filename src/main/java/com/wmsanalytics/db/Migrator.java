package com.wmsanalytics.db;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the SQL migrations shipped in the jar, and those of the report files, with Flyway. */
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
        return migrateReplica(replica, List.of());
    }

    /**
     * The replica's migrations shipped in the jar, then {@code reports}: the repeatable
     * migrations of the report files. The report migrations an earlier run applied and this one
     * does not list are not an error: their reports are dropped by a migration of their own.
     */
    public static Outcome migrateReplica(DataSource replica, List<JavaMigration> reports) {
        return migrate("replica", replicaFlyway(replica, reports));
    }

    /** The number of the jar's migrations the replica has not applied yet. */
    public static int pendingOnReplica(DataSource replica) {
        try {
            return replicaFlyway(replica, List.of()).info().pending().length;
        } catch (FlywayException e) {
            throw failure("replica", e);
        }
    }

    private static Flyway replicaFlyway(DataSource replica, List<JavaMigration> reports) {
        return Flyway.configure()
                .dataSource(replica)
                .locations("classpath:migrations/replica")
                .javaMigrations(reports.toArray(JavaMigration[]::new))
                .ignoreMigrationPatterns("*:future", "repeatable:missing")
                .schemas("analytics_control")
                .createSchemas(true)
                .table("flyway_schema_history")
                .load();
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
            throw failure(target, e);
        }
    }

    /** A report file's own fault, raised inside its migration, keeps its line and exit code. */
    private static RuntimeException failure(String target, FlywayException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WmsAnalyticsException own) {
                return own;
            }
        }
        if (SqlStates.isConnectionFailure(e)) {
            return new ConnectionException("cannot migrate " + target + ": " + ErrorMessages.firstLine(e), e);
        }
        return new WmsAnalyticsException(
                ExitCode.FAILED, "migration of " + target + " failed: " + ErrorMessages.serverMessage(e), e);
    }
}
