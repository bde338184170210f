package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytics node's hot standby, a physical copy of the replica streaming from it: a refresh
 * or a verify aimed at it is refused before anything is written, {@code status} shows both
 * nodes' roles, and the service waits on it until it is promoted.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyReplicaTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    private static Path replicaConfig;
    private static Path standbyConfig;
    private static PhysicalStandby standby;

    @BeforeAll
    static void replica_with_a_standby() throws Exception {
        replicaConfig = Pipeline.build(pg, 300, "");
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", replicaConfig.toString())
                        .exitCode());
        standby = pg.standbyOfReplica();
        standbyConfig = Files.writeString(
                Files.createTempFile("standby", ".conf"),
                Files.readString(replicaConfig) + "wms-analytics.replica.url = \""
                        + standby.server().jdbcUrl(PostgresPair.DATABASE) + "\"\n");
    }

    @Test
    @Order(1)
    void a_refresh_aimed_at_the_standby_is_refused_in_one_line_naming_the_writable_node_and_records_nothing() {
        String runsBefore = runs();

        CliRun run = CliRun.of("refresh", "--group", "daily", "--config", standbyConfig.toString());

        assertEquals(7, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(
                run.err()
                        .startsWith("error: the replica localhost:"
                                + standby.server().port() + " is a standby"),
                run.err());
        assertTrue(
                run.err()
                        .contains("the writable node is probably localhost:"
                                + pg.replica().port()),
                run.err());
        assertFalse(run.err().contains("SQL"), run.err());
        assertEquals("", run.out());
        standby.awaitReplayed();
        assertEquals(runsBefore, runs(), "no run was recorded on the replica");
        assertEquals(
                runsBefore,
                standby.server()
                        .queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM analytics_control.refresh_run"),
                "nor on the standby");
    }

    @Test
    @Order(2)
    void a_verify_or_setup_aimed_at_the_standby_is_refused_with_the_same_exit_code() {
        for (String[] command : new String[][] {{"verify"}, {"setup"}, {"setup", "--resync"}}) {
            CliRun run = CliRun.of(concat(command, "--config", standbyConfig.toString()));

            assertEquals(7, run.exitCode(), String.join(" ", command) + ": " + run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().contains("is a standby"), run.err());
        }
    }

    @Test
    @Order(2)
    void history_and_views_read_the_standby_without_writing() {
        assertEquals(
                0, CliRun.of("history", "--config", standbyConfig.toString()).exitCode());
        CliRun views = CliRun.of("views", "--config", standbyConfig.toString());
        assertEquals(0, views.exitCode(), views.err());
        assertTrue(views.out().contains("order_analytics.daily_orders"), views.out());
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = java.util.Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }

    @Test
    @Order(3)
    void status_shows_the_replica_as_primary_with_its_streaming_standby_and_replay_lag() throws Exception {
        CliRun run = CliRun.of("status", "--json", "--config", replicaConfig.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode replica = new ObjectMapper().readTree(run.out()).get("nodes").get(0);
        assertEquals("replica", replica.get("node").asText());
        assertEquals("primary", replica.get("role").asText());
        JsonNode replay = replica.get("standbys").get(0);
        assertEquals(PhysicalStandby.APPLICATION_NAME, replay.get("name").asText());
        assertEquals("streaming", replay.get("state").asText());
        assertTrue(replay.get("bytes_behind").asLong(-1) >= 0, replay.toString());
        assertEquals(1, replica.get("standbys").size(), "the subscription's logical walsender is not a standby");
        CliRun human = CliRun.of("status", "--config", replicaConfig.toString());
        assertTrue(
                human.out()
                        .lines()
                        .anyMatch(l -> l.matches("replica\\s+" + PhysicalStandby.APPLICATION_NAME
                                + "\\s+127\\.0\\.0\\.1\\s+streaming.*")),
                human.out());
    }

    @Test
    @Order(4)
    void status_on_the_standby_shows_its_role_and_upstream_and_writes_nothing() throws Exception {
        CliRun run = CliRun.of("status", "--json", "--config", standbyConfig.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode node = new ObjectMapper().readTree(run.out()).get("nodes").get(0);
        assertEquals("standby", node.get("role").asText());
        assertEquals("localhost:" + pg.replica().port(), node.get("upstream").asText());
        assertEquals(
                "primary",
                new ObjectMapper()
                        .readTree(run.out())
                        .get("nodes")
                        .get(1)
                        .get("role")
                        .asText(),
                "the publisher");
    }

    @Test
    @Order(5)
    void the_service_on_the_standby_waits_with_one_line_and_a_metric_and_starts_once_it_is_promoted() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "daily", "cron = \"0 0 2 * * ?\"\ntime-zone = UTC\ngroup = daily");
        Path config = Files.writeString(
                Files.createTempFile("standby-service", ".conf"),
                Files.readString(standbyConfig) + JobFiles.serviceConfig(jobs) + "wms-analytics.http.port = " + port
                        + "\n");
        try (ServiceProcess service = ServiceProcess.start(config)) {
            String metrics = awaitBody(service, port, "/metrics", "wms_analytics_node_in_recovery{node=\"replica\"} 1");
            assertTrue(metrics.contains("wms_analytics_node_in_recovery{node=\"replica\"} 1"), metrics);
            HttpResponse<String> ready = get(port, "/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("is a standby"), ready.body());
            // Asked again and again, the service still says it once.
            for (int i = 0; i < 3; i++) {
                assertTrue(get(port, "/health/ready").body().contains("is a standby"));
                assertTrue(get(port, "/metrics").body().contains("wms_analytics_node_in_recovery{node=\"replica\"} 1"));
            }
            assertEquals(
                    1,
                    service.log()
                            .lines()
                            .filter(l -> l.contains("is a standby"))
                            .count(),
                    service.log());
            assertFalse(service.log().contains("\tat "), "no stack trace:\n" + service.log());

            standby.promote();

            service.awaitRunning();
            awaitBody(service, port, "/metrics", "wms_analytics_node_in_recovery{node=\"replica\"} 0");
            assertTrue(service.log().contains("replica - is writable now"), service.log());
        }
    }

    private static String awaitBody(ServiceProcess service, int port, String path, String expected) {
        String[] last = {""};
        Await.until(
                path + " shows " + expected,
                Duration.ofSeconds(30),
                () -> {
                    try {
                        last[0] = get(port, path).body();
                    } catch (RuntimeException notListeningYet) {
                        last[0] = "";
                    }
                    return last[0].contains(expected);
                },
                () -> last[0] + "\nservice log:\n" + service.log());
        return last[0];
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String runs() {
        return pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM analytics_control.refresh_run");
    }
}
