package com.wmsanalytics.replication.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.EmbeddedServers;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gap a stale standby of the replica leaves when it is promoted: the transactions the old
 * node applied and confirmed after the standby stopped never reach it. The promoted node's
 * subscription resumes at once and applies what the publisher sends next, which carries its
 * origin past the position the old node confirmed: from then on the origin and the slot agree,
 * and nothing in either shows the gap. The refresh is refused all the same, however much the
 * promoted node applies, until {@code setup --resync} copies the tables again.
 */
@Tag("slow")
class GapAfterPromotionTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    private static final List<String> DAILY_REPORTS = List.of(
            "order_analytics.daily_orders",
            "order_analytics.fulfillment_times",
            "warehouse_analytics.daily_throughput",
            "inventory_analytics.stock_levels",
            "analytics.daily_kpis");

    @Test
    void a_promoted_stale_standby_refuses_to_refresh_however_much_it_applied_until_setup_resync() throws Exception {
        Path config = Pipeline.build(pg, 300, "");
        assertEquals(
                0,
                cli("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
        PhysicalStandby standby = pg.standbyOfReplica();
        standby.stop();
        ordersAppliedAndConfirmedByTheReplica(config);
        String confirmedByTheOldNode = slotConfirmed();
        pg.replica().close();
        standby.start();
        standby.promote();
        Path promoted = Files.writeString(
                Files.createTempFile("promoted", ".conf"),
                Files.readString(config) + "wms-analytics.replica.url = \""
                        + standby.server().jdbcUrl(PostgresPair.DATABASE) + "\"\n");

        insertCustomer(900_001);
        awaitOnPromoted(standby, "SELECT count(*) = 1 FROM wms.customers WHERE customer_id = 900001");
        awaitOnPromoted(
                standby,
                "SELECT o.remote_lsn >= '" + confirmedByTheOldNode + "' FROM pg_replication_origin_status o"
                        + " JOIN pg_subscription s ON o.external_id = 'pg_' || s.oid");
        assertTrue(orders(standby) < primaryOrders(), "the promoted node lacks the orders the old one applied");
        String reportsBefore = reportDigest(standby);
        String runsBefore = runs(standby);

        CliRun refused = cli("refresh", "--group", "daily", "--config", promoted.toString());

        assertEquals(8, refused.exitCode(), refused.out() + refused.err());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(
                refused.err()
                        .startsWith("error: subscription wms_analytics_sub (publisher wms) may have skipped"
                                + " transactions: this replica was promoted from a standby (timeline 1, now 2)"),
                refused.err());
        assertTrue(refused.err().contains("run 'wms-analytics setup --resync'"), refused.err());
        CliRun verify = cli("verify", "--config", promoted.toString());
        assertEquals(8, verify.exitCode(), verify.out() + verify.err());
        CliRun status = cli("status", "--config", promoted.toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains(" gap "), status.out());
        assertTrue(
                status.out().contains("refused: subscription wms_analytics_sub (publisher wms) may have skipped"),
                status.out());

        for (int batch = 0; batch < 20; batch++) {
            insertCustomer(900_100 + batch);
            generate(config, new GenerateRequest(20, 1, 100 + batch));
        }
        awaitOnPromoted(standby, "SELECT count(*) = 20 FROM wms.customers WHERE customer_id >= 900100");
        awaitOnPromoted(standby, "SELECT count(*) = " + (primaryOrders() - 300) + " FROM wms.orders");

        CliRun stillRefused = cli("refresh", "--group", "daily", "--config", promoted.toString());
        assertEquals(8, stillRefused.exitCode(), stillRefused.out() + stillRefused.err());
        CliRun oneReport = cli("refresh", "customer_analytics.customer_summary", "--config", promoted.toString());
        assertEquals(8, oneReport.exitCode(), oneReport.out() + oneReport.err());
        assertEquals(reportsBefore, reportDigest(standby), "no report changed");
        assertEquals(runsBefore, runs(standby), "the refused refreshes recorded no run");

        resyncInterruptedAfterItDroppedTheSubscription(standby);
        CliRun whileDropped = cli("refresh", "--group", "daily", "--config", promoted.toString());
        assertEquals(
                8,
                whileDropped.exitCode(),
                "a resync that has dropped the subscription has not copied the tables yet: " + whileDropped.out()
                        + whileDropped.err());
        assertEquals(runsBefore, runs(standby), "the refused refreshes recorded no run");

        CliRun resync = cli("setup", "--resync", "--config", promoted.toString());

        assertEquals(0, resync.exitCode(), resync.out() + resync.err());
        assertEquals(primaryOrders(), orders(standby), "every order is on the promoted node again");
        for (String group : new String[] {"daily", "weekly", "monthly"}) {
            CliRun refresh = cli("refresh", "--group", group, "--config", promoted.toString());
            assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
        }
        for (String report :
                ReportDefinitions.incrementalReports(standby.server().dataSource(PostgresPair.DATABASE))) {
            assertEquals(
                    0,
                    ReportDefinitions.differences(standby.server().dataSource(PostgresPair.DATABASE), report, "UTC"),
                    report);
        }
        CliRun again = cli("setup", "--resync", "--config", promoted.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("no subscription skipped transactions"), again.out());
    }

    /** The first steps of {@code setup --resync}, as a resync killed after them leaves the node. */
    private static void resyncInterruptedAfterItDroppedTheSubscription(PhysicalStandby standby) {
        standby.server().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        EmbeddedServers.await(
                pg.primary(),
                "postgres",
                "SELECT NOT active FROM pg_replication_slots WHERE slot_name = 'wms_analytics_sub'",
                Duration.ofSeconds(30));
        standby.server().execute(PostgresPair.DATABASE, "DROP SUBSCRIPTION wms_analytics_sub");
    }

    /** More orders on the primary, applied by the replica (the gate passes) and confirmed in its slot. */
    private static void ordersAppliedAndConfirmedByTheReplica(Path config) throws Exception {
        generate(config, new GenerateRequest(300, 2, 11));
        assertEquals(
                0,
                cli("refresh", "--group", "daily", "--config", config.toString())
                        .exitCode());
        String applied = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT o.remote_lsn FROM pg_replication_origin_status o"
                                + " JOIN pg_subscription s ON o.external_id = 'pg_' || s.oid");
        EmbeddedServers.await(
                pg.primary(),
                "postgres",
                "SELECT confirmed_flush_lsn >= '" + applied
                        + "' FROM pg_replication_slots WHERE slot_name = 'wms_analytics_sub'",
                Duration.ofSeconds(30));
        assertEquals(
                primaryOrders(),
                Long.parseLong(pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders")));
    }

    private static void generate(Path config, GenerateRequest request) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(request, GenerateProgress.NONE);
        }
    }

    private static void insertCustomer(int id) {
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.customers (customer_id, name, segment, region, created_at) VALUES (" + id
                                + ", 'late customer', 'retail', 'north', now())");
    }

    private static String slotConfirmed() {
        return pg.primary()
                .queryValue(
                        "postgres",
                        "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'wms_analytics_sub'");
    }

    private static void awaitOnPromoted(PhysicalStandby standby, String sql) {
        EmbeddedServers.await(standby.server(), PostgresPair.DATABASE, sql, Duration.ofSeconds(60));
    }

    /** One digest of the rows of every daily report. */
    private static String reportDigest(PhysicalStandby standby) {
        StringBuilder digest = new StringBuilder();
        for (String report : DAILY_REPORTS) {
            digest.append(standby.server()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + report
                                            + " t"))
                    .append(' ');
        }
        return digest.toString();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(args);
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
