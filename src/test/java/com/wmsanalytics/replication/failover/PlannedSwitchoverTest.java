package com.wmsanalytics.replication.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A planned switchover of the replica to its caught-up standby: {@code setup --switchover} on the
 * old node stops the subscription and records where it stopped, the standby replays that and is
 * promoted, and {@code setup} on it checks the record and resumes the subscription. Nothing is
 * refused after that {@code setup}, and no row is lost, including those the primary wrote while
 * the subscription was stopped.
 */
@Tag("slow")
class PlannedSwitchoverTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    @Test
    void a_prepared_switchover_to_a_caught_up_standby_resumes_with_setup_and_loses_no_row() throws Exception {
        Path config = Pipeline.build(pg, 300, "");
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
        PhysicalStandby standby = pg.standbyOfReplica();
        generate(config, new GenerateRequest(200, 2, 21));
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());

        CliRun prepared = CliRun.of("setup", "--switchover", "--config", config.toString());

        assertEquals(0, prepared.exitCode(), prepared.out() + prepared.err());
        assertTrue(
                prepared.out().contains("wms: disabled subscription wms_analytics_sub for the switchover"),
                prepared.out());
        assertTrue(
                prepared.out().contains("standby " + PhysicalStandby.APPLICATION_NAME + " has replayed the marks"),
                prepared.out());
        generate(config, new GenerateRequest(100, 1, 22));
        pg.replica().close();
        standby.promote();
        Path promoted = Files.writeString(
                Files.createTempFile("switched", ".conf"),
                Files.readString(config) + "wms-analytics.replica.url = \""
                        + standby.server().jdbcUrl(PostgresPair.DATABASE) + "\"\n");

        CliRun paused = CliRun.of("refresh", "--group", "daily", "--config", promoted.toString());
        assertEquals(8, paused.exitCode(), paused.out() + paused.err());
        assertTrue(paused.err().contains("is paused after a switchover to this node"), paused.err());
        assertTrue(paused.err().contains("run 'wms-analytics setup'"), paused.err());

        CliRun resumed = CliRun.of("setup", "--config", promoted.toString());

        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(
                resumed.out().contains("wms: subscription wms_analytics_sub resumes after the switchover"),
                resumed.out());
        for (String group : new String[] {"daily", "weekly", "monthly"}) {
            CliRun refresh = CliRun.of("refresh", "--group", group, "--config", promoted.toString());
            assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
        }
        assertEquals(
                pg.primary()
                        .queryValue(PostgresPair.DATABASE, "SELECT count(*) || ' ' || sum(order_id) FROM wms.orders"),
                standby.server()
                        .queryValue(PostgresPair.DATABASE, "SELECT count(*) || ' ' || sum(order_id) FROM wms.orders"),
                "every order is on the new node once, those written during the switchover too");
        for (String report :
                ReportDefinitions.incrementalReports(standby.server().dataSource(PostgresPair.DATABASE))) {
            assertEquals(
                    0,
                    ReportDefinitions.differences(standby.server().dataSource(PostgresPair.DATABASE), report, "UTC"),
                    report);
        }
        CliRun status = CliRun.of("status", "--config", promoted.toString());
        assertFalse(status.out().contains("refused:"), status.out());
    }

    private static void generate(Path config, GenerateRequest request) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(request, GenerateProgress.NONE);
        }
    }
}
