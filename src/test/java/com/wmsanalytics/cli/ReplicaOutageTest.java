package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.LocalHttp;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> ready = LocalHttp.get(port, "/health/ready");
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("the replica is not reachable"), ready.body());
                Thread.sleep(300);
            }
            System.out.println("readiness answer times during the outage, ms: " + millis);
            assertTrue(millis.stream().allMatch(ms -> ms < 1000), millis.toString());
            long start = System.nanoTime();
            assertEquals(200, LocalHttp.get(port, "/metrics").statusCode());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "a scrape during the outage fails fast");
            Thread.sleep(4000);
            String log = service.log();
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), log);
            assertTrue(
                    log.lines().anyMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN")),
                    "the outage is logged:\n" + log);
        }
    }
}
