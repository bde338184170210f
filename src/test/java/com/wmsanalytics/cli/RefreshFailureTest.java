package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportContents;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refresh that dies half-way leaves the view as it was, because the refresh is one
 * transaction, and leaves a history that says what happened.
 */
class RefreshFailureTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String SLOW = "analytics.slow_report";
    private static Path config;

    @BeforeAll
    static void pipeline_with_a_slow_view() {
        config = Pipeline.build(pg, 300, "");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "CREATE MATERIALIZED VIEW " + SLOW + " AS SELECT g AS id,"
                                + " clock_timestamp() AS computed_at FROM generate_series(1, 3) g, pg_sleep(6) s;"
                                + " CREATE UNIQUE INDEX slow_report_id ON " + SLOW + " (id)");
    }

    @Test
    void a_refresh_cancelled_by_statement_timeout_keeps_the_previous_contents_and_says_so() throws Exception {
        String before = ReportContents.fingerprint(pg.replica(), SLOW);
        Path impatient = Files.writeString(
                Files.createTempFile("impatient", ".conf"),
                Files.readString(config) + "wms-analytics.refresh.statement-timeout = 500ms\n");

        CliRun run = CliRun.of("refresh", SLOW, "--no-gate", "--config", impatient.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(before, ReportContents.fingerprint(pg.replica(), SLOW));
        JsonNode view = latestRun().get("views").get(0);
        assertEquals("failed", view.get("status").asText());
        assertEquals("57014", view.get("sqlstate").asText());
        assertEquals(
                "canceling statement due to statement timeout",
                view.get("message").asText());
    }

    @Test
    void a_process_killed_mid_refresh_leaves_the_previous_contents_and_its_run_is_marked_interrupted()
            throws Exception {
        String before = ReportContents.fingerprint(pg.replica(), SLOW);
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.wmsanalytics.cli.Main",
                        "refresh",
                        SLOW,
                        "--no-gate",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("killed", ".log"))
                .start();
        awaitRefreshRunning();

        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        JsonNode run = awaitStatus("interrupted");
        assertEquals(
                "the process running it ended before it finished",
                run.get("error").asText());
        assertEquals("interrupted", run.get("views").get(0).get("status").asText());
        awaitNoRefreshRunning();
        assertEquals(before, ReportContents.fingerprint(pg.replica(), SLOW));
    }

    private static JsonNode awaitStatus(String status) {
        return Await.value(
                "the run becomes " + status,
                Duration.ofSeconds(10),
                RefreshFailureTest::latestRun,
                run -> run.get("status").asText().equals(status));
    }

    private static void awaitRefreshRunning() {
        Await.until("the refresh starts", Duration.ofSeconds(30), () -> !"0".equals(refreshes()));
    }

    private static void awaitNoRefreshRunning() {
        Await.until("the killed refresh's backend ends", Duration.ofSeconds(10), () -> "0".equals(refreshes()));
    }

    private static String refreshes() {
        return pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT count(*) FROM pg_stat_activity"
                                + " WHERE query LIKE 'REFRESH MATERIALIZED VIEW%slow_report%' AND pid <> pg_backend_pid()");
    }

    private static JsonNode latestRun() {
        CliRun history = CliRun.of("history", "--limit", "1", "--json", "--config", config.toString());
        try {
            JsonNode runs = new ObjectMapper().readTree(history.out());
            assertTrue(runs.size() == 1, history.out());
            return runs.get(0);
        } catch (java.io.IOException e) {
            throw new AssertionError(history.out() + history.err(), e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
