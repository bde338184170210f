package com.wmsanalytics.replication.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.replication.preflight.PreflightFailedException;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.QuietSetup;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica set up with one subscription is split over two by the publishers' {@code tables}
 * keys, then joined again: the moved tables leave the first subscription before the second
 * copies them, so every mirror table ends with the primary's rows, once, and the reports
 * equal their definitions.
 */
@Tag("slow")
class SubscriptionSplitTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final List<String> TABLES = List.of(
            "customers",
            "inventory",
            "locations",
            "order_lines",
            "orders",
            "products",
            "shipments",
            "stock_movements",
            "warehouses");

    @Test
    void setup_moves_tables_to_a_second_subscription_and_back_without_losing_or_doubling_a_row() throws Exception {
        String single = Files.readString(Pipeline.build(pg, 500, ""));
        String url = pg.primary().jdbcUrl(PostgresPair.DATABASE);
        String split = single
                + "wms-analytics.publishers = [\n"
                + "  { name = wms, url = \"" + url + "\", user = postgres,"
                + " tables = [wms.warehouses, wms.locations, wms.products, wms.customers, wms.inventory, wms.orders] }\n"
                + "  { name = wms_moves, url = \"" + url + "\", user = postgres, publication = wms_moves_pub,"
                + " subscription = wms_moves_sub, tables = [wms.order_lines, wms.stock_movements, wms.shipments] }\n"
                + "]\n";
        pg.primary().execute(PostgresPair.DATABASE, newOrder(900_001));

        List<String> changes = setup(split);

        assertEquals(
                List.of(
                        "wms: publication wms_analytics_pub and subscription wms_analytics_sub no longer carry"
                                + " wms.order_lines, wms.shipments, wms.stock_movements",
                        "wms_moves: created publication wms_moves_pub with 3 tables",
                        "wms_moves: emptied wms.order_lines, wms.shipments, wms.stock_movements, left by the"
                                + " subscription that replicated them, for subscription wms_moves_sub to copy them whole"),
                changes.subList(0, 3),
                changes.toString());
        assertTrue(changes.get(3).startsWith("wms_moves: created subscription wms_moves_sub"), changes.toString());
        assertEquals(List.of(), setup(split), "a second setup changes nothing");
        pg.primary().execute(PostgresPair.DATABASE, newOrder(900_002));
        assertMirrorEqualsPrimary("after the split");
        assertReportsEqualTheirDefinitions(split);

        pg.replica().execute(PostgresPair.DATABASE, "DROP SUBSCRIPTION wms_moves_sub");
        pg.primary().execute(PostgresPair.DATABASE, newOrder(900_003));
        List<String> joined = setup(single);

        assertTrue(
                joined.contains("wms: emptied wms.order_lines, wms.shipments, wms.stock_movements, left by the"
                        + " subscription that replicated them, for subscription wms_analytics_sub to copy them whole"),
                joined.toString());
        assertMirrorEqualsPrimary("after joining them again");
        assertReportsEqualTheirDefinitions(single);
    }

    @Test
    void a_tables_key_naming_a_table_the_primary_lacks_fails_setup_with_one_line_and_creates_nothing() {
        String url = pg.primary().jdbcUrl(PostgresPair.DATABASE);
        String hocon = TestConfig.hocon(pg)
                + "wms-analytics.publishers = [ { name = wms_typo, url = \"" + url + "\", user = postgres,"
                + " publication = wms_typo_pub, subscription = wms_typo_sub, tables = [wms.orders, wms.ordrs] } ]\n";
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            app.migratePrimary("wms_typo");
            app.migrate();

            PreflightFailedException e =
                    assertThrows(PreflightFailedException.class, () -> app.setup(QuietSetup.listener()));

            assertEquals(
                    List.of("publisher wms_typo: the tables key names wms.ordrs, which is not a table of this server;"
                            + " fix: create it (migrate --primary wms_typo) or correct the tables key"),
                    e.lines());
        }
        assertEquals(
                "0",
                pg.primary()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_publication WHERE pubname = 'wms_typo_pub'"));
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_subscription WHERE subname = 'wms_typo_sub'"));
    }

    private static List<String> setup(String hocon) {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            return app.setup(QuietSetup.listener());
        }
    }

    /** An order an hour old with two lines, in one transaction. */
    private static String newOrder(long id) {
        return "BEGIN; INSERT INTO wms.orders SELECT " + id + ", min(customer_id), (SELECT min(warehouse_id)"
                + " FROM wms.warehouses), 'open', now() - interval '1 hour', now() + interval '1 day', NULL, NULL"
                + " FROM wms.customers; INSERT INTO wms.order_lines SELECT " + id + ", n, (SELECT min(product_id)"
                + " FROM wms.products), 2, 5.00 FROM generate_series(1, 2) n; COMMIT;";
    }

    private static void assertMirrorEqualsPrimary(String when) throws InterruptedException {
        for (String table : TABLES) {
            String columns = pg.primary()
                    .queryValue(
                            PostgresPair.DATABASE,
                            "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
                                    + " FROM information_schema.columns WHERE table_schema = 'wms' AND table_name = '"
                                    + table + "'");
            String sql = "SELECT count(*) || '/' || coalesce(sum(hashtext(ROW(" + columns + ")::text)::bigint), 0)"
                    + " FROM wms." + table;
            String expected = pg.primary().queryValue(PostgresPair.DATABASE, sql);
            String actual = "";
            for (int i = 0; i < 150 && !expected.equals(actual); i++) {
                actual = pg.replica().queryValue(PostgresPair.DATABASE, sql);
                if (!expected.equals(actual)) {
                    Thread.sleep(200);
                }
            }
            assertEquals(expected, actual, "wms." + table + ": rows and their hash " + when);
        }
    }

    private static void assertReportsEqualTheirDefinitions(String hocon) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            Pipeline.refreshEveryGroup(app);
        }
        DataSource replica = pg.replica().dataSource(PostgresPair.DATABASE);
        for (String report : ReportDefinitions.incrementalReports(replica)) {
            assertEquals(0, ReportDefinitions.differences(replica, report, "UTC"), report);
        }
    }
}
