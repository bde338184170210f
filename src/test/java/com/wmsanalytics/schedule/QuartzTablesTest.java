package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.testing.PostgresPair;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** V8: Quartz's JDBC JobStore tables in analytics_control, used as the service will use them. */
class QuartzTablesTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final List<String> QUARTZ_TABLES = List.of(
            "qrtz_blob_triggers",
            "qrtz_calendars",
            "qrtz_cron_triggers",
            "qrtz_fired_triggers",
            "qrtz_job_details",
            "qrtz_locks",
            "qrtz_paused_trigger_grps",
            "qrtz_scheduler_state",
            "qrtz_simple_triggers",
            "qrtz_simprop_triggers",
            "qrtz_triggers");

    private static DataSource superuser;

    @BeforeAll
    static void migrate() {
        superuser = pg.replica().dataSource(PostgresPair.DATABASE);
        Migrator.migrateReplica(superuser);
    }

    @Test
    void migrate_creates_the_eleven_quartz_tables_in_analytics_control() throws SQLException {
        assertEquals(
                QUARTZ_TABLES,
                strings("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'analytics_control' AND table_name LIKE 'qrtz\\_%' ORDER BY 1"));
    }

    @Test
    void the_refresher_may_read_write_and_delete_in_every_quartz_table() throws SQLException {
        List<String> denied =
                strings("SELECT t || ' ' || p FROM unnest(ARRAY['" + String.join("','", QUARTZ_TABLES) + "']) t,"
                        + " unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE']) p"
                        + " WHERE NOT has_table_privilege('wms_analytics_user', 'analytics_control.' || t, p)");
        assertEquals(List.of(), denied);
    }

    @Test
    void a_clustered_quartz_scheduler_stores_and_reads_back_a_job_as_the_refresher() throws Exception {
        JobDefinition daily = JobDefinitions.load(Path.of("jobs")).stream()
                .filter(j -> j.name().equals("daily"))
                .findFirst()
                .orElseThrow();
        Scheduler scheduler = clusteredScheduler("quartz-tables-test");
        try {
            scheduler.scheduleJob(
                    JobBuilder.newJob(NoOpJob.class)
                            .withIdentity(daily.name(), JobTriggers.GROUP)
                            .build(),
                    JobTriggers.cron(daily, Instant.now()));
            scheduler.start();

            CronTrigger stored = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("daily", JobTriggers.GROUP));
            assertEquals("0 0 2 * * ?", stored.getCronExpression());
            assertEquals(
                    List.of("0 0 2 * * ? UTC"),
                    strings("SELECT cron_expression || ' ' || time_zone_id FROM analytics_control.qrtz_cron_triggers"));
            assertEquals(
                    List.of("quartz-tables-test"),
                    strings("SELECT sched_name FROM analytics_control.qrtz_scheduler_state"));
        } finally {
            scheduler.shutdown(true);
        }
    }

    @Test
    void the_shipped_jobs_name_groups_and_views_that_exist_on_the_replica() throws SQLException {
        List<JobDefinition> jobs = JobDefinitions.load(Path.of("jobs"));
        Set<String> groups =
                new TreeSet<>(strings("SELECT DISTINCT refresh_group FROM analytics_control.refresh_group_member"));
        Set<String> views = new TreeSet<>(strings("SELECT schemaname || '.' || matviewname FROM pg_matviews"
                + " UNION ALL SELECT report_schema || '.' || report_name FROM analytics_control.incremental_report"));

        JobDefinitions.checkAgainst(jobs, groups, views);

        assertEquals(Set.of("daily", "weekly", "monthly"), groups);
    }

    /** A Quartz scheduler on the replica's tables, connecting as wms_analytics_user as the service does. */
    private static Scheduler clusteredScheduler(String name) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(superuser);
        pool.setConnectionInitSql("SET ROLE wms_analytics_user");
        pool.setMaximumPoolSize(3);
        DBConnectionManager.getInstance().addConnectionProvider(name, new PoolProvider(new HikariDataSource(pool)));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "analytics_control.qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.dataSource", name);
        return new StdSchedulerFactory(p).getScheduler();
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = superuser.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The job the test schedules; its trigger fires at 02:00 UTC, after the test. */
    public static final class NoOpJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    private record PoolProvider(HikariDataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            pool.close();
        }

        @Override
        public void initialize() {}
    }
}
