package com.wmsanalytics.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The gap a stale standby of the replica leaves when it is promoted: the transactions the old
 * node applied and confirmed after the standby stopped never reach it. A refresh is refused
 * with the resync hint, and {@code setup --resync} copies the tables again.
 */
@Tag("slow")
class GapAfterPromotionTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    @Test
    void a_promoted_stale_standby_refuses_to_refresh_until_setup_resync_copies_the_tables_again() throws Exception {
        Path config = Pipeline.build(pg, 300, "");
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
        PhysicalStandby standby = pg.standbyOfReplica();
        standby.stop();
        ordersAppliedAndConfirmedByTheReplica(config);
        pg.replica().close();
        standby.start();
        standby.promote();
        Path promoted = Files.writeString(
                Files.createTempFile("promoted", ".conf"),
                Files.readString(config) + "wms-analytics.replica.url = \""
                        + standby.server().jdbcUrl(PostgresPair.DATABASE) + "\"\n");
        assertTrue(orders(standby) < primaryOrders(), "the standby missed the orders applied after it stopped");

        String runsBefore = runs(standby);

        CliRun refused = CliRun.of("refresh", "--group", "daily", "--config", promoted.toString());

        assertEquals(8, refused.exitCode(), refused.out() + refused.err());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(
                refused.err()
                        .startsWith("error: subscription wms_analytics_sub (publisher wms) may have skipped"
                                + " transactions"),
                refused.err());
        assertTrue(refused.err().contains("run 'wms-analytics setup --resync'"), refused.err());
        assertEquals(runsBefore, runs(standby), "the refused refresh recorded no run");

        CliRun resync = CliRun.of("setup", "--resync", "--config", promoted.toString());

        assertEquals(0, resync.exitCode(), resync.out() + resync.err());
        assertEquals(primaryOrders(), orders(standby), "every order is on the promoted node again");
        for (String group : new String[] {"daily", "weekly", "monthly"}) {
            CliRun refresh = CliRun.of("refresh", "--group", group, "--config", promoted.toString());
            assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
        }
        for (String report :
                ReportDefinitions.incrementalReports(standby.server().dataSource(PostgresPair.DATABASE))) {
            assertEquals(
                    0,
                    ReportDefinitions.differences(standby.server().dataSource(PostgresPair.DATABASE), report, "UTC"),
                    report);
        }
        CliRun again = CliRun.of("setup", "--resync", "--config", promoted.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("no subscription skipped transactions"), again.out());
    }

    /** More orders on the primary, applied by the replica (the gate passes) and confirmed in its slot. */
    private static void ordersAppliedAndConfirmedByTheReplica(Path config) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            app.generate("wms", new GenerateRequest(300, 2, 11), GenerateProgress.NONE);
        }
        assertEquals(
                0,
                CliRun.of("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
        String applied = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT o.remote_lsn FROM pg_replication_origin_status o"
                                + " JOIN pg_subscription s ON o.external_id = 'pg_' || s.oid");
        for (int i = 0;
                i < 300
                        && !"t"
                                .equals(
                                        pg.primary()
                                                .queryValue(
                                                        "postgres",
                                                        "SELECT confirmed_flush_lsn >= '" + applied
                                                                + "' FROM pg_replication_slots WHERE slot_name = 'wms_analytics_sub'"));
                i++) {
            Thread.sleep(100);
        }
        assertEquals(
                primaryOrders(),
                Long.parseLong(pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders")));
    }

    private static long orders(PhysicalStandby standby) {
        return Long.parseLong(standby.server().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders"));
    }

    private static String runs(PhysicalStandby standby) {
        return standby.server().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM analytics_control.refresh_run");
    }

    private static long primaryOrders() {
        return Long.parseLong(pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders"));
    }
}
