package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.LocalHttp;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service while its replica is down, logging as under systemd ({@code conf/logback.xml}):
 * readiness answers 503 with the reason within a second, and the pool's and Quartz's failed
 * attempts are one line each, with no stack trace.
 */
@Tag("slow")
class ReplicaOutageTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    @Test
    void with_the_replica_stopped_readiness_answers_503_within_a_second_and_the_log_has_no_stack_trace()
            throws Exception {
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"*/2 * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        int port = LocalHttp.freePort();
        Path config = Files.writeString(
                Files.createTempFile("outage", ".conf"),
                Files.readString(Pipeline.build(pg, 200, "")) + JobFiles.serviceConfig(jobs)
                        + "wms-analytics.http.port = " + port + "\n");
        try (ServiceProcess service = ServiceProcess.start(
                        config,
                        List.of("-Dlogback.configurationFile="
                                + Path.of("conf/logback.xml").toAbsolutePath()))
                .awaitRunning()) {
            assertEquals(200, LocalHttp.get(port, "/health/ready").statusCode(), service.log());

            pg.replica().close();

            // A probe gives up after a second, as orchestrators' probes commonly do; a scrape after two.
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> ready = get(port, "/health/ready", Duration.ofSeconds(1));
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("the replica is not reachable"), ready.body());
            }
            assertEquals(200, get(port, "/metrics", Duration.ofSeconds(2)).statusCode());
            Await.until(
                    "the pools' and the scheduler's retries are logged",
                    Duration.ofSeconds(30),
                    () -> service.log()
                                    .lines()
                                    .filter(l -> l.startsWith("ERROR") || l.startsWith("WARN"))
                                    .count()
                            >= 2,
                    service::log);
            String log = service.log();
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), log);
        }
    }

    private static HttpResponse<String> get(int port, String path, Duration timeout) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .timeout(timeout)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
