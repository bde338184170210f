package com.wmsanalytics.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.schedule.RunObserver;
import com.wmsanalytics.schedule.SchedulerService;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportContents;
import com.wmsanalytics.testing.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} with the machine's pg_dump (Debian's postgresql-client, 15). The round trip and
 * the retention run on PostgreSQL 14 servers in both passes of the suite, since pg_dump cannot
 * dump a newer server; the refusal runs on a 17 server, which that pg_dump is too old for. A
 * restore brings back the incremental reports' rows and the control tables; the materialized
 * views come back empty, since pg_dump keeps no rows of a materialized view and their sources,
 * the mirror's rows, are left out (setup copies them again).
 */
@Tag("slow")
class BackupTest {

    private static final Path PG14 = PostgresPair.pg14Archive();
    private static final String PASSWORD = "not-on-any-command-line";
    private static final Map<String, String> ENV = Map.of("PATH", System.getenv("PATH"));

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().binaries(PG14);

    @TempDir
    static Path work;

    private static Path config;

    @BeforeAll
    static void pipeline_with_refreshed_reports() throws IOException {
        Path built = Pipeline.build(pg, 1_500, "");
        config = Files.writeString(
                work.resolve("app.conf"),
                Files.readString(built) + "wms-analytics.replica.password = \"" + PASSWORD + "\"\n");
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            for (String group : List.of("daily", "weekly", "monthly")) {
                app.refresh(
                        RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.of(Duration.ofSeconds(30)), true),
                        RefreshProgress.NONE);
            }
        }
    }

    @Test
    void a_backup_restored_into_an_empty_server_holds_the_same_reports_and_control_rows() throws Exception {
        Path to = work.resolve("round-trip");
        CliRun run = CliRun.of(ENV, "backup", "--to", to.toString(), "--config", config.toString());
        assertEquals(0, run.exitCode(), run.err());

        Path backup = onlyBackup(to);
        Manifest manifest = Manifest.read(backup);
        assertEquals(
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT max(version::int)::text FROM analytics_control.flyway_schema_history"),
                manifest.migrationVersion());
        assertEquals(reports(pg.replica()).size(), manifest.reports().size());
        assertTrue(manifest.reports().stream().allMatch(r -> r.dataAsOf().isPresent()), manifest.reports()::toString);
        assertFalse((run.out() + run.err() + Files.readString(backup.resolve(Manifest.FILE))).contains(PASSWORD));

        try (EmbeddedServer empty = EmbeddedServer.start(
                "restored", work.resolve("restored"), EmbeddedServer.logicalReplicationSettings(), Optional.of(PG14))) {
            empty.execute("postgres", "CREATE DATABASE " + PostgresPair.DATABASE);
            empty.execute("postgres", "CREATE ROLE wms_analytics_user NOLOGIN");
            empty.execute("postgres", "CREATE ROLE wms_bi_reader NOLOGIN");
            assertEquals(0, restore(backup.resolve(Backup.DUMP), empty));

            for (String report : incrementalReports(pg.replica())) {
                assertEquals(
                        ReportContents.fingerprint(pg.replica(), report),
                        ReportContents.fingerprint(empty, report),
                        report);
            }
            assertNotEquals("0", count(empty, "order_analytics.daily_orders"));
            assertEquals(
                    count(pg.replica(), "pg_matviews WHERE schemaname <> 'pg_catalog'"),
                    count(empty, "pg_matviews WHERE schemaname <> 'pg_catalog'"),
                    "the materialized views are restored, empty: their sources' rows are not in the backup");
            for (String table : controlTables(pg.replica())) {
                assertEquals(count(pg.replica(), table), count(empty, table), table);
            }
            assertEquals("0", count(empty, "wms.orders"), "the mirror's rows are copied again by setup, not restored");

            Path restored = Files.writeString(
                    work.resolve("restored.conf"),
                    Files.readString(config) + "wms-analytics.replica.url = \"" + empty.jdbcUrl(PostgresPair.DATABASE)
                            + "\"\n");
            CliRun migrate = CliRun.of("migrate", "--config", restored.toString());
            assertEquals(0, migrate.exitCode(), migrate.err());
            assertEquals(
                    "replica: up to date at version " + manifest.migrationVersion(),
                    migrate.out().strip());
        }
    }

    @Test
    void retention_deletes_an_old_backup_and_keeps_the_new_one_and_directories_that_are_not_backups() throws Exception {
        Path to = work.resolve("retention");
        Path old = Files.createDirectories(to.resolve("20200101T000000Z"));
        Files.writeString(old.resolve(Manifest.FILE), "{}");
        Path noManifest = Files.createDirectories(to.resolve("20200102T000000Z"));
        Path foreign = Files.createDirectories(to.resolve("notes-20200101T000000Z"));
        Files.writeString(foreign.resolve(Manifest.FILE), "{}");

        CliRun run = CliRun.of(ENV, "backup", "--to", to.toString(), "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.exists(old));
        assertTrue(run.out().contains("deleted the old backup " + old), run.out());
        assertTrue(Files.isDirectory(noManifest));
        assertTrue(Files.isRegularFile(foreign.resolve(Manifest.FILE)));
        assertTrue(Files.isRegularFile(onlyBackup(to).resolve(Manifest.FILE)));
    }

    @Test
    void the_service_runs_an_enabled_backup_job_into_its_directory() throws Exception {
        Path to = work.resolve("scheduled");
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "backup",
                "cron = \"0/1 * * * * ?\"\ntime-zone = UTC\naction = backup\ndirectory = \"" + to + "\"");
        CompletableFuture<BackupResult> written = new CompletableFuture<>();
        try (WmsAnalytics service = new WmsAnalytics(
                        TestConfig.of(Files.readString(config) + JobFiles.serviceConfig(jobs)), Clock.systemUTC());
                SchedulerService scheduler = SchedulerService.start(
                        service,
                        JobDefinitions.load(jobs),
                        new RunObserver() {
                            @Override
                            public void finished(String job, RefreshReport report) {}

                            @Override
                            public void backedUp(String job, BackupResult result) {
                                written.complete(result);
                            }
                        },
                        Clock.systemUTC())) {
            BackupResult result = written.get(60, TimeUnit.SECONDS);
            assertEquals(to, result.directory().getParent());
            assertTrue(Files.isRegularFile(result.directory().resolve(Manifest.FILE)));
        }
    }

    @Test
    void a_failing_pg_dump_is_one_error_line_and_leaves_no_directory_behind() throws Exception {
        // A role that may not read every control table: pg_dump fails as that role.
        Path to = work.resolve("failed");
        Path conf = Files.writeString(
                work.resolve("refresher.conf"),
                Files.readString(config) + "wms-analytics.replica.user = wms_analytics_user\n");
        pg.replica().execute("postgres", "ALTER ROLE wms_analytics_user LOGIN");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "REVOKE SELECT ON analytics_control.subscription_switchover FROM wms_analytics_user");
        try {
            CliRun run = CliRun.of(ENV, "backup", "--to", to.toString(), "--config", conf.toString());

            assertEquals(1, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(
                    run.err()
                            .matches(
                                    "error: pg_dump failed: query failed: ERROR:  permission denied for table \\w+\\s*"),
                    run.err());
            try (Stream<Path> left = Files.list(to)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            pg.replica()
                    .execute(
                            PostgresPair.DATABASE,
                            "GRANT SELECT ON analytics_control.subscription_switchover TO wms_analytics_user");
            pg.replica().execute("postgres", "ALTER ROLE wms_analytics_user NOLOGIN");
        }
    }

    @Test
    void a_pg_dump_older_than_the_server_or_none_at_all_is_refused_in_one_line_and_nothing_is_written()
            throws Exception {
        try (EmbeddedServer pg17 = EmbeddedServer.start(
                "pg17", work.resolve("pg17"), EmbeddedServer.logicalReplicationSettings(), Optional.empty())) {
            String url = pg17.jdbcUrl("postgres");
            Path conf = Files.writeString(
                    work.resolve("pg17.conf"),
                    "wms-analytics { replica { url = \"" + url + "\", user = postgres }\n"
                            + " publishers = [ { name = wms, url = \"" + url + "\", user = postgres } ] }\n");
            Path to = work.resolve("refused");

            CliRun tooOld = CliRun.of(ENV, "backup", "--to", to.toString(), "--config", conf.toString());
            CliRun missing = CliRun.of(
                    Map.of(
                            "PATH",
                            Files.createDirectories(work.resolve("empty-bin")).toString()),
                    "backup",
                    "--to",
                    to.toString(),
                    "--config",
                    conf.toString());

            String server = pg17.queryValue("postgres", "SHOW server_version");
            assertEquals(9, tooOld.exitCode(), tooOld.err());
            assertEquals(1, tooOld.errLines().size(), tooOld.err());
            assertTrue(
                    tooOld.err()
                            .matches("error: pg_dump 1[0-6][.0-9]* \\(.*\\) is older than the replica's PostgreSQL "
                                    + server.replace(".", "\\.")
                                    + " and cannot dump it; install postgresql-client 17 or newer\\s*"),
                    tooOld.err());
            assertEquals(9, missing.exitCode(), missing.err());
            assertEquals(
                    List.of("error: pg_dump is not on the PATH; install postgresql-client 17 or newer (the replica runs"
                            + " PostgreSQL " + server + ")"),
                    missing.errLines());
            assertFalse(Files.exists(to));
        }
    }

    private static Path onlyBackup(Path to) throws IOException {
        try (Stream<Path> entries = Files.list(to)) {
            List<Path> backups = entries.filter(
                            p -> BackupNames.parse(p.getFileName().toString()).isPresent()
                                    && Files.isRegularFile(p.resolve(Manifest.FILE))
                                    && !p.getFileName().toString().startsWith("2020"))
                    .toList();
            assertEquals(1, backups.size(), backups::toString);
            try (Stream<Path> all = Files.list(to)) {
                assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
            }
            return backups.get(0);
        }
    }

    private static int restore(Path dump, EmbeddedServer target) throws Exception {
        Path pgRestore = PgClient.find("pg_restore", System.getenv("PATH"))
                .orElseThrow(() -> new AssertionError("pg_restore is not on the PATH: install postgresql-client"))
                .executable();
        ProcessBuilder builder = new ProcessBuilder(
                        pgRestore.toString(), "--exit-on-error", "--dbname=" + PostgresPair.DATABASE, dump.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("pg_restore.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "PGHOST",
                        "localhost",
                        "PGPORT",
                        Integer.toString(target.port()),
                        "PGUSER",
                        target.superuser()));
        int status = builder.start().waitFor();
        assertEquals(0, status, Files.readString(work.resolve("pg_restore.log")));
        return status;
    }

    private static List<String> reports(EmbeddedServer server) {
        return List.of(server.queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(name, ',' ORDER BY name) FROM ("
                                + "SELECT view_schema || '.' || view_name AS name FROM analytics_control.refresh_group_member"
                                + " UNION SELECT report_schema || '.' || report_name FROM analytics_control.incremental_report) r")
                .split(","));
    }

    private static List<String> incrementalReports(EmbeddedServer server) {
        return List.of(server.queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(report_schema || '.' || report_name, ',' ORDER BY report_schema, report_name)"
                                + " FROM analytics_control.incremental_report")
                .split(","));
    }

    private static List<String> controlTables(EmbeddedServer server) {
        return List.of(server.queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg('analytics_control.' || tablename, ',' ORDER BY tablename) FROM pg_tables"
                                + " WHERE schemaname = 'analytics_control'")
                .split(","));
    }

    private static String count(EmbeddedServer server, String table) {
        return server.queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM " + table);
    }
}
