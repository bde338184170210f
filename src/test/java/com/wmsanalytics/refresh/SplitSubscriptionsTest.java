package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One primary's tables split over two subscriptions by the publishers' {@code tables} key:
 * orders in one, their lines in the other, so that a new order with its lines is one
 * transaction that two apply workers apply each in its own time. The gate waits for both, so a
 * refresh never sees part of a transaction committed before its target; and after random
 * replicated changes every incremental report equals its definition.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitSubscriptionsTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String ZONE = "UTC";
    /** Orders, lines and revenue over every day of daily_orders. */
    private static final String TOTALS = "SELECT coalesce(sum(orders), 0) || '/' || coalesce(sum(order_lines), 0)"
            + " || '/' || coalesce(sum(revenue), 0) FROM order_analytics.daily_orders";

    private static WmsAnalytics app;
    private static DataSource replica;
    private static DataSource primary;

    @BeforeAll
    static void pipeline() throws Exception {
        String url = pg.primary().jdbcUrl(PostgresPair.DATABASE);
        String split = "wms-analytics.publishers = [\n"
                + "  { name = wms, url = \"" + url + "\", user = postgres,"
                + " tables = [wms.warehouses, wms.locations, wms.products, wms.customers, wms.inventory, wms.orders] }\n"
                + "  { name = wms_moves, url = \"" + url + "\", user = postgres, publication = wms_moves_pub,"
                + " subscription = wms_moves_sub, tables = [wms.order_lines, wms.stock_movements, wms.shipments] }\n"
                + "]\n";
        app = new WmsAnalytics(
                com.wmsanalytics.testing.TestConfig.of(Files.readString(Pipeline.build(pg, 800, split))),
                Clock.systemUTC());
        replica = pg.replica().dataSource(PostgresPair.DATABASE);
        primary = pg.primary().dataSource(PostgresPair.DATABASE);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    @Order(1)
    void setup_publishes_each_entrys_tables_through_a_publication_and_a_subscription_of_its_own() {
        assertEquals(
                "wms_analytics_pub: customers,inventory,locations,orders,products,warehouses;"
                        + " wms_moves_pub: order_lines,shipments,stock_movements",
                pg.primary()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT string_agg(p, '; ' ORDER BY p) FROM (SELECT pubname || ': '"
                                        + " || string_agg(tablename, ',' ORDER BY tablename) AS p"
                                        + " FROM pg_publication_tables GROUP BY pubname) x"));
        assertEquals(
                "wms_analytics_sub,wms_moves_sub",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT string_agg(subname, ',' ORDER BY subname) FROM pg_subscription"
                                        + " WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        assertEquals(
                pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.order_lines"),
                pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.order_lines"),
                "the second subscription copied its tables");
    }

    @Test
    @Order(2)
    void a_transaction_across_both_subscriptions_reaches_a_refresh_whole_because_the_gate_waits_for_both()
            throws Exception {
        assertEquals(RunStatus.SUCCEEDED, refreshDaily(Duration.ofSeconds(45)).status());
        String before = pg.replica().queryValue(PostgresPair.DATABASE, TOTALS);
        long order;
        try (Connection held = replica.getConnection();
                Statement lock = held.createStatement()) {
            held.setAutoCommit(false);
            lock.execute("LOCK TABLE wms.order_lines IN ACCESS EXCLUSIVE MODE");
            order = newOrderWithTwoLines();
            Await.until(
                    "the order reaches the replica through the first subscription", Duration.ofSeconds(30), () -> !"0"
                            .equals(pg.replica()
                                    .queryValue(
                                            PostgresPair.DATABASE,
                                            "SELECT count(*) FROM wms.orders WHERE order_id = " + order)));

            RefreshReport heldBack = refreshDaily(Duration.ofSeconds(3));

            assertEquals(
                    RunStatus.SKIPPED,
                    heldBack.status(),
                    "the gate does not pass while the second subscription has not applied the lines");
            assertEquals(
                    before,
                    pg.replica().queryValue(PostgresPair.DATABASE, TOTALS),
                    "nothing was refreshed from the half-applied transaction");
            held.rollback();
        }
        RefreshReport whole = refreshDaily(Duration.ofSeconds(45));

        assertEquals(RunStatus.SUCCEEDED, whole.status(), () -> whole.error().orElse(""));
        assertEquals(
                "2",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM wms.order_lines WHERE order_id = " + order));
        assertEquals(
                plusOneOrderOfTwoLines(before),
                pg.replica().queryValue(PostgresPair.DATABASE, TOTALS),
                "the refresh after the gate counts the order and its two lines");
        assertEquals(0, ReportDefinitions.differences(replica, "order_analytics.daily_orders", ZONE));
    }

    @Test
    @Order(3)
    void lines_applied_before_their_order_still_reach_the_report_once_the_order_arrives() throws Exception {
        assertEquals(RunStatus.SUCCEEDED, refreshDaily(Duration.ofSeconds(45)).status());
        String before = pg.replica().queryValue(PostgresPair.DATABASE, TOTALS);
        try (Connection held = replica.getConnection();
                Statement lock = held.createStatement()) {
            held.setAutoCommit(false);
            lock.execute("LOCK TABLE wms.orders IN ACCESS EXCLUSIVE MODE");
            long order = newOrderWithTwoLines();
            Await.until(
                    "the lines reach the replica through the second subscription, before their order",
                    Duration.ofSeconds(30),
                    () -> "2"
                            .equals(pg.replica()
                                    .queryValue(
                                            PostgresPair.DATABASE,
                                            "SELECT count(*) FROM wms.order_lines WHERE order_id = " + order)));
            held.rollback();
        }
        RefreshReport report = refreshDaily(Duration.ofSeconds(45));

        assertEquals(RunStatus.SUCCEEDED, report.status(), () -> report.error().orElse(""));
        assertEquals(plusOneOrderOfTwoLines(before), pg.replica().queryValue(PostgresPair.DATABASE, TOTALS));
        assertEquals(0, ReportDefinitions.differences(replica, "order_analytics.daily_orders", ZONE));
    }

    @Test
    @Order(4)
    void every_incremental_report_equals_its_definition_after_random_changes_applied_by_two_workers() throws Exception {
        RandomChanges changes = new RandomChanges(primary, new SplittableRandom(20261207L));
        for (int round = 1; round <= 4; round++) {
            changes.round(false);
            Pipeline.refreshEveryGroup(app);
            for (String report : ReportDefinitions.incrementalReports(replica)) {
                assertEquals(
                        0,
                        ReportDefinitions.differences(replica, report, ZONE),
                        report + " differs from its definition after round " + round + " (" + changes.summary() + ")");
            }
        }
    }

    /** The totals after one more order of two lines at 3 x 10.00 each. */
    private static String plusOneOrderOfTwoLines(String totals) {
        String[] t = totals.split("/");
        return (Long.parseLong(t[0]) + 1) + "/" + (Long.parseLong(t[1]) + 2) + "/"
                + new java.math.BigDecimal(t[2])
                        .add(new java.math.BigDecimal("60.00"))
                        .toPlainString();
    }

    private static RefreshReport refreshDaily(Duration gateTimeout) {
        return app.refresh(
                RefreshRequest.adhoc(Optional.of("daily"), List.of(), Optional.of(gateTimeout), true),
                RefreshProgress.NONE);
    }

    /** One transaction on the primary: an order an hour old and two lines of it. Returns its id. */
    private static long newOrderWithTwoLines() throws SQLException {
        try (Connection c = primary.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long id = Long.parseLong(
                    pg.primary().queryValue(PostgresPair.DATABASE, "SELECT max(order_id) + 1000 FROM wms.orders"));
            s.execute("INSERT INTO wms.orders SELECT " + id + ", min(customer_id), (SELECT min(warehouse_id) FROM"
                    + " wms.warehouses), 'open', now() - interval '1 hour', now() + interval '1 day', NULL, NULL"
                    + " FROM wms.customers");
            s.execute("INSERT INTO wms.order_lines SELECT " + id + ", n, (SELECT min(product_id) FROM wms.products),"
                    + " 3, 10.00 FROM generate_series(1, 2) n");
            c.commit();
            return id;
        }
    }
}
