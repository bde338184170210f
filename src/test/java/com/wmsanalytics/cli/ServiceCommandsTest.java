package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code run} refuses to start on a bad job file; {@code jobs} shows the schedule. */
class ServiceCommandsTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static Path pipelineConfig;

    @BeforeAll
    static void pipeline() {
        pipelineConfig = Pipeline.build(pg, 200, "");
    }

    @Test
    void a_malformed_cron_stops_start_up_with_one_line_naming_file_and_key() throws Exception {
        Path jobs = JobFiles.directory();
        Path file = JobFiles.write(jobs, "daily", "cron = \"every night\"\ntime-zone = UTC\ngroup = daily");
        expectStartUpError(jobs, file + ":2: job.cron: 'every night' is not a Quartz cron expression");
    }

    @Test
    void an_unknown_time_zone_stops_start_up() throws Exception {
        Path jobs = JobFiles.directory();
        Path file = JobFiles.write(jobs, "daily", "cron = \"0 0 2 * * ?\"\ntime-zone = \"Mars/Base\"\ngroup = daily");
        expectStartUpError(jobs, file + ":3: job.time-zone: unknown time zone 'Mars/Base'");
    }

    @Test
    void an_unknown_view_stops_start_up_after_checking_the_replica() throws Exception {
        Path jobs = JobFiles.directory();
        Path file = JobFiles.write(
                jobs, "daily", "cron = \"0 0 2 * * ?\"\ntime-zone = UTC\nviews = [\"order_analytics.nope\"]");
        expectStartUpError(jobs, file + ":4: job.views: unknown view 'order_analytics.nope'");
    }

    @Test
    void a_port_in_use_stops_start_up_before_anything_fires() throws Exception {
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"* * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(
                    config(jobs),
                    Files.readString(config(jobs)) + "wms-analytics.http.port = " + taken.getLocalPort() + "\n");

            CliRun run = CliRun.of("run", "--config", config.toString());

            assertEquals(2, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("wms-analytics.http.port"), run.err());
        }
        assertNothingScheduledOrRun("tick");
    }

    /**
     * Start-up stopped before the jobs were scheduled: Quartz's store holds no trigger of the job,
     * so nothing can fire later either, and no run of it was recorded.
     */
    private static void assertNothingScheduledOrRun(String job) {
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM analytics_control.qrtz_triggers WHERE job_name = '" + job + "'"),
                "no trigger of " + job + " was scheduled");
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM analytics_control.refresh_run WHERE job = '" + job + "'"),
                "nothing fired");
    }

    @Test
    void a_bad_web_configuration_stops_start_up_with_one_line_and_exit_2_before_anything_fires() throws Exception {
        TestTls tls = TestTls.make();
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"* * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(
                tls.webConfig("clear.yml", "basic_auth_users:\n  alice: hunter2\n"),
                "basic_auth_users.alice: is not a bcrypt hash");
        cases.put(tls.webConfig("yaml.yml", "tls_server_config: [\n"), "line ");
        cases.put(
                tls.webConfig("key.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n"),
                "the key does not match the certificate");
        cases.put(
                tls.webConfig("gone.yml", "tls_server_config:\n  cert_file: gone.crt\n  key_file: server.key\n"),
                "no such file");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            Path config = Files.writeString(
                    Files.createTempFile("web", ".conf"),
                    Files.readString(config(jobs)) + "wms-analytics.http.web-config-file = \"" + c.getKey() + "\"\n");

            CliRun run = CliRun.of("run", "--config", config.toString());

            assertEquals(2, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().contains(c.getValue()), c.getKey() + ": " + run.err());
            assertFalse(run.err().contains("hunter2"), run.err());
        }
        assertNothingScheduledOrRun("tick");
    }

    @Test
    void status_shows_an_unreachable_publisher_instead_of_failing() throws Exception {
        Path config = Files.writeString(
                Files.createTempFile("two", ".conf"),
                Files.readString(pipelineConfig)
                        + "wms-analytics.publishers += { name = eu, url = \"jdbc:postgresql://127.0.0.1:1/wms_db\","
                        + " subscription = wms_eu_sub }\nwms-analytics.replica.connect-timeout = 1s\n");

        CliRun run = CliRun.of("status", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("wms_analytics_sub\\s+wms\\s+streaming.*")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("wms_eu_sub\\s+eu\\s+unreachable.*")), run.out());
    }

    @Test
    void a_replica_that_was_never_migrated_is_a_usage_error_with_the_fix() throws Exception {
        pg.replica().execute("postgres", "CREATE DATABASE never_migrated");
        Path config = Files.writeString(
                Files.createTempFile("unmigrated", ".conf"),
                Files.readString(pipelineConfig)
                        .replace(
                                pg.replica().jdbcUrl(PostgresPair.DATABASE),
                                pg.replica().jdbcUrl("never_migrated")));

        CliRun run = CliRun.of("status", "--config", config.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(
                List.of("error: the replica lacks a table wms-analytics needs (relation"
                        + " \"analytics_control.refresh_run\" does not exist"),
                run.errLines().stream()
                        .map(l -> l.replaceAll("\\s+Position: \\d+", "").replaceAll("\\); run.*", ""))
                        .toList());
        assertTrue(run.err().endsWith("); run 'wms-analytics migrate' against it\n"), run.err());
    }

    @Test
    void jobs_lists_each_job_with_its_next_fire_time_and_last_run() throws Exception {
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "daily", "cron = \"0 0 2 * * ?\"\ntime-zone = UTC\ngroup = daily");
        JobFiles.write(
                jobs, "weekly", "cron = \"0 0 3 ? * MON\"\ntime-zone = Europe/Berlin\ngroup = weekly\nenabled = false");

        CliRun run = CliRun.of("jobs", "--config", config(jobs).toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(
                lines.get(1)
                        .matches(
                                "daily\\s+0 0 2 \\* \\* \\?\\s+UTC\\s+group daily\\s+\\d{4}-\\d\\d-\\d\\d 02:00:00 UTC.*"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("weekly (disabled)"), lines.get(2));
    }

    private static void expectStartUpError(Path jobs, String expectedStart) throws Exception {
        CliRun run = CliRun.of("run", "--config", config(jobs).toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("error: " + expectedStart), run.err());
    }

    private static Path config(Path jobs) throws Exception {
        return Files.writeString(
                Files.createTempFile("wms-analytics-service", ".conf"),
                Files.readString(pipelineConfig) + JobFiles.serviceConfig(jobs));
    }
}
