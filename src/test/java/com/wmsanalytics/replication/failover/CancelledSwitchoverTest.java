package com.wmsanalytics.replication.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.EmbeddedServers;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code setup --switchover} on a replica that is then not switched over: no standby has
 * replayed the marks, which it says, and {@code setup} on the same node resumes the subscription,
 * which then applies what the primary wrote meanwhile.
 */
class CancelledSwitchoverTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @Test
    void a_switchover_that_was_not_carried_out_resumes_on_the_old_node_with_setup() throws Exception {
        Path config = Pipeline.build(pg, 100, "");
        assertEquals(
                0,
                CliRun.of("setup", "--switchover", "--config", config.toString())
                        .exitCode());
        assertTrue(CliRun.of("setup", "--switchover", "--config", config.toString())
                .out()
                .contains("no standby streams from this node"));
        generate(config, new GenerateRequest(50, 1, 31));

        CliRun resumed = CliRun.of("setup", "--config", config.toString());

        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("the switchover was not carried out"), resumed.out());
        EmbeddedServers.await(
                pg.replica(),
                PostgresPair.DATABASE,
                "SELECT count(*) = " + pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders")
                        + " FROM wms.orders",
                Duration.ofSeconds(60));
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
    }

    private static void generate(Path config, GenerateRequest request) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(request, GenerateProgress.NONE);
        }
    }
}
