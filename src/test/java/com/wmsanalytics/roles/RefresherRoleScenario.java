package com.wmsanalytics.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.EmbeddedServers;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.LocalHttp;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportFileTexts;
import com.wmsanalytics.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment the README sets up: {@code migrate} and {@code setup} run once as a superuser,
 * and everything after runs as the documented roles, none of them a superuser:
 * {@code wms_analytics_user} on the replica and {@code wms_repl_user} (REPLICATION and
 * {@code pg_read_all_stats}) on the publisher. Every runtime command and the service must work
 * so, report files of kind by-time and by-key included (their capture, sweep and claims). A
 * subclass chooses the servers.
 */
abstract class RefresherRoleScenario {

    abstract PostgresPair pg();

    @Test
    void every_runtime_command_and_the_service_work_as_the_documented_roles_without_superuser() throws Exception {
        Path reports = Files.createTempDirectory("reports");
        for (String file : List.of("order_value_by_day", "customer_value")) {
            Files.writeString(reports.resolve(file + ".sql"), ReportFileTexts.text(file));
        }
        Path admin = Pipeline.build(pg(), 300, "wms-analytics.reports.dir = \"" + reports + "\"\n");
        createRolesAsTheReadmeSays();
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "tick", "cron = \"* * * * * ?\"\ntime-zone = UTC\ngroup = daily");
        Path backups = Files.createTempDirectory("backups");
        int port = LocalHttp.freePort();
        Path config = Files.writeString(
                Files.createTempFile("refresher", ".conf"),
                Files.readString(admin) + "wms-analytics.replica.user = wms_analytics_user\n"
                        + "wms-analytics.publishers = [ { name = wms, url = \""
                        + pg().primary().jdbcUrl(PostgresPair.DATABASE) + "\", user = wms_repl_user } ]\n"
                        + JobFiles.serviceConfig(jobs) + "wms-analytics.http.port = " + port + "\n");
        assertEquals(
                "f",
                pg().replica()
                        .queryValue("postgres", "SELECT rolsuper FROM pg_roles WHERE rolname = 'wms_analytics_user'"));

        assertSucceeds(List.of("refresh", "--group", "daily"), config);
        lateOrderOfAnOldCustomer();
        for (List<String> command : List.of(
                List.of("refresh", "--group", "daily"),
                List.of("refresh", "--group", "weekly"),
                List.of("refresh", "bi_reports.order_value_by_day", "bi_reports.customer_value"),
                List.of("refresh", "--group", "monthly"),
                List.of("refresh", "customer_analytics.customer_summary"),
                List.of("refresh", "--full", "--group", "daily"),
                List.of("verify"),
                List.of("status"),
                List.of("status", "--json"),
                List.of("history"),
                List.of("views"),
                List.of("jobs"))) {
            assertSucceeds(command, config);
        }
        assertEquals(
                "t",
                pg().replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT bool_and(n > 0) FROM (SELECT count(*) FILTER (WHERE v.mode = 'incremental'"
                                        + " AND v.buckets > 0) AS n FROM analytics_control.refresh_run_view v"
                                        + " WHERE v.view_schema = 'bi_reports' GROUP BY v.view_name) r"),
                "the refresher recomputed the report files' changed buckets and keys, not only rebuilt them");
        assertEquals(
                "0",
                pg().replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT coalesce(sum(brin_summarize_new_values(i.indexrelid)), 0) FROM pg_index i"
                                        + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                                        + " AND a.amname = 'brin' JOIN pg_attribute t ON t.attrelid = i.indrelid"
                                        + " AND t.attnum = i.indkey[0] AND t.attname = 'applied_xid'"),
                "the refresher summarized the BRIN ranges its sweeps read, though it does not own the mirror");
        assertBackupRuns(config, backups);
        assertEquals(
                "t",
                pg().replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) >= 5 FROM analytics_control.refresh_run WHERE trigger = 'cli'"
                                        + " AND status = 'succeeded'"),
                "the refreshes were recorded");

        try (ServiceProcess service = ServiceProcess.start(config).awaitRunning()) {
            EmbeddedServers.await(
                    pg().replica(),
                    PostgresPair.DATABASE,
                    "SELECT count(*) >= 2 FROM analytics_control.refresh_run WHERE job = 'tick' AND status = 'succeeded'",
                    Duration.ofSeconds(60));
            for (String path : List.of("/health/ready", "/metrics", "/", "/api/freshness")) {
                HttpResponse<String> reply = LocalHttp.get(port, path);
                assertEquals(200, reply.statusCode(), path + ": " + reply.body() + "\n" + service.log());
            }
            assertEquals(0, service.terminate(), service.log());
            assertFalse(service.log().contains("not allowed"), service.log());
            assertFalse(service.log().contains("permission denied"), service.log());
        }
    }

    /**
     * An order of an old customer, dated in a closed day, with a line: the report files' capture
     * (a row trigger, and the sweep of new rows) records it, and the refresher recomputes it.
     */
    private void lateOrderOfAnOldCustomer() {
        pg().primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.orders (order_id, customer_id, warehouse_id, status, created_at, promised_at)"
                                + " SELECT 7000001, min(customer_id), 1, 'open', now() - interval '20 days', now()"
                                + " FROM wms.customers; INSERT INTO wms.order_lines (order_id, line_no, product_id,"
                                + " quantity, unit_price) SELECT 7000001, 1, min(product_id), 2, 8.00 FROM wms.products");
    }

    /** Step 2 of the README's deployment: the publisher role; the replica's roles come from migrate. */
    private void createRolesAsTheReadmeSays() {
        for (String sql : List.of(
                "CREATE ROLE wms_repl_user LOGIN REPLICATION",
                "GRANT pg_read_all_stats TO wms_repl_user",
                "GRANT USAGE ON SCHEMA wms TO wms_repl_user",
                "GRANT SELECT ON ALL TABLES IN SCHEMA wms TO wms_repl_user")) {
            pg().primary().execute(PostgresPair.DATABASE, sql);
        }
        pg().replica().execute("postgres", "ALTER ROLE wms_analytics_user LOGIN");
    }

    private static void assertSucceeds(List<String> command, Path config) {
        CliRun run = CliRun.of(args(command, "--config", config.toString()));
        assertEquals(0, run.exitCode(), String.join(" ", command) + ": " + run.out() + run.err());
        assertFalse(run.err().contains("not allowed"), String.join(" ", command) + ": " + run.err());
    }

    /**
     * A backup needs a pg_dump no older than the server: Debian's (15) dumps 14 and 15. Against
     * 17 the same command is refused for that reason alone, in one line, with exit 9.
     */
    private void assertBackupRuns(Path config, Path backups) {
        CliRun run = CliRun.of(
                Map.of("PATH", System.getenv("PATH")),
                "backup",
                "--to",
                backups.toString(),
                "--config",
                config.toString());
        int server = Integer.parseInt(pg().replica().queryValue("postgres", "SHOW server_version_num")) / 10_000;
        if (server <= 15) {
            assertEquals(0, run.exitCode(), "backup: " + run.out() + run.err());
        } else {
            assertEquals(9, run.exitCode(), "backup: " + run.out() + run.err());
            assertTrue(run.err().contains("is older than the replica's PostgreSQL " + server), run.err());
        }
    }

    private static String[] args(List<String> command, String... more) {
        return java.util.stream.Stream.concat(command.stream(), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
