package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportFileTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A report declared {@code by-key} in a file, kept key by key by the capture migrate generates:
 * after each step of a seeded random sequence of replicated changes (new orders of old
 * customers, orders moved between customers, lines added, changed and deleted, a customer's
 * region changed, a TRUNCATE), it equals its full definition, and a report file that reads it
 * does too.
 */
@Tag("slow")
class ByKeyReportTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    static final String CUSTOMER_VALUE = ReportFileTexts.text("customer_value");

    static final String BY_REGION = """
            -- name: bi_reports.value_by_region
            -- kind: full
            -- group: daily
            -- unique-key: region

            SELECT region, sum(value) AS value, sum(orders) AS orders FROM bi_reports.customer_value GROUP BY region
            """;

    @Test
    void a_by_key_report_equals_its_definition_after_every_step_of_random_replicated_changes() throws Exception {
        Path dir = Files.createTempDirectory("reports");
        Path config = Pipeline.build(pg, 600, "wms-analytics.reports.dir = \"" + dir + "\"\n");
        Files.writeString(dir.resolve("customer_value.sql"), CUSTOMER_VALUE);
        Files.writeString(dir.resolve("by_region.sql"), BY_REGION);
        CliRun migrate = cli(config, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertDefinition("after migrate");
        String onOrders = value(
                "SELECT condition FROM analytics_control.capture_part"
                        + " WHERE report_name = 'customer_value' AND source_table = 'wms.orders'::regclass AND event = 'UPDATE'");
        assertTrue(
                onOrders.contains("OLD.\"customer_id\" IS DISTINCT FROM NEW.\"customer_id\"")
                        && !onOrders.contains("status"),
                "an update of an order runs the report's capture only when a column it reads changed: " + onOrders);
        assertEquals(
                "1",
                value("SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = 'wms.orders'::regclass"
                        + " AND t.tgtype & 16 <> 0 AND NOT t.tgisinternal"),
                "one update trigger on wms.orders, whatever the number of reports that read it");
        String when = value("SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgrelid = 'wms.orders'::regclass"
                + " AND t.tgtype & 16 <> 0 AND NOT t.tgisinternal");
        assertTrue(
                when.contains(
                                "LEAST(old.created_at, new.created_at, old.shipped_at, new.shipped_at) < (now() - '3 days'")
                        && when.split("IS DISTINCT FROM", -1).length == onOrders.split("IS DISTINCT FROM", -1).length,
                "the WHEN clause tests the built-in reports' time columns against the open window once, and adds"
                        + " only the by-key report's condition: " + when);
        assertEquals(0, cli(config, "refresh", "--group", "daily").exitCode(), "the first refresh rebuilds it");
        pg.primary()
                .execute(PostgresPair.DATABASE, "UPDATE wms.orders SET status = 'delivered' WHERE status = 'shipped'");
        CliRun second = cli(config, "refresh", "--group", "daily");
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertEquals(
                "0",
                value("SELECT buckets FROM analytics_control.refresh_run_view WHERE view_name = 'customer_value'"
                        + " ORDER BY run_id DESC LIMIT 1"),
                "status changes, which the report does not read, dirtied no key");

        Random random = new Random(61206L);
        List<String> steps = new ArrayList<>();
        for (int step = 0; step < 12; step++) {
            String change = step == 9
                    ? "TRUNCATE wms.order_lines"
                    : step == 4
                            ? newOrderOfAnOldCustomer(700)
                            : randomChange(random, 3 * step) + "; " + randomChange(random, 3 * step + 1) + "; "
                                    + randomChange(random, 3 * step + 2);
            steps.add(change);
            pg.primary().execute(PostgresPair.DATABASE, change);
            CliRun refresh = cli(config, "refresh", "--group", "daily");
            assertEquals(0, refresh.exitCode(), steps + ": " + refresh.out() + refresh.err());
            assertDefinition("step " + step + " " + steps);
        }
        assertEquals(
                "t",
                value("SELECT count(*) >= 8 FROM analytics_control.refresh_run_view v WHERE v.view_name ="
                        + " 'customer_value' AND v.mode = 'incremental' AND v.status = 'succeeded' AND v.buckets < 20"),
                "the report was refreshed key by key, a few keys each time");
        CliRun verify = cli(config, "verify", "bi_reports.customer_value");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        CliRun views = cli(config, "views");
        assertTrue(views.out().contains("only the keys that changed are recomputed"), views.out());
    }

    /** An order, with a line, of a customer that no other step touches: only the sweep of new rows sees it. */
    private static String newOrderOfAnOldCustomer(int id) {
        return "INSERT INTO wms.orders (order_id, customer_id, warehouse_id, status, created_at, promised_at)"
                + " SELECT " + (8_000_000 + id) + ", max(customer_id), 1, 'open', now(), now() FROM wms.customers"
                + " WHERE customer_id < 900000; INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity,"
                + " unit_price) SELECT " + (8_000_000 + id) + ", 1, min(product_id), 4, 12.00 FROM wms.products";
    }

    private static String randomChange(Random random, int n) {
        String someOrder =
                "(SELECT order_id FROM wms.orders ORDER BY order_id OFFSET " + random.nextInt(300) + " LIMIT 1)";
        String someCustomer = "(SELECT customer_id FROM wms.customers ORDER BY customer_id OFFSET " + random.nextInt(80)
                + " LIMIT 1)";
        return switch (random.nextInt(7)) {
            case 0 -> newOrderOfAnOldCustomer(n);
            case 1 -> "UPDATE wms.orders SET customer_id = " + someCustomer + " WHERE order_id = " + someOrder;
            case 2 -> "UPDATE wms.order_lines SET quantity = quantity + 2 WHERE order_id = " + someOrder;
            case 3 -> "DELETE FROM wms.order_lines WHERE order_id = " + someOrder + " AND line_no = 1";
            case 4 ->
                "INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price) SELECT " + someOrder
                        + ", " + (200 + n) + ", min(product_id), 1, 3.50 FROM wms.products";
            case 5 -> "UPDATE wms.customers SET region = 'region " + n + "' WHERE customer_id = " + someCustomer;
            default ->
                "INSERT INTO wms.customers (customer_id, name, segment, region, created_at) VALUES (" + (900_000 + n)
                        + ", 'new', 'retail', 'north', now())";
        };
    }

    private static void assertDefinition(String when) {
        String definition = CUSTOMER_VALUE.substring(CUSTOMER_VALUE.indexOf("\n\n") + 2);
        assertEquals(
                "0",
                value("SELECT (SELECT count(*) FROM (TABLE bi_reports.customer_value EXCEPT ALL " + definition + ") a)"
                        + " + (SELECT count(*) FROM (" + definition
                        + " EXCEPT ALL TABLE bi_reports.customer_value) b)"),
                "bi_reports.customer_value equals its definition " + when);
        assertEquals(
                "0",
                value("SELECT count(*) FROM ((SELECT region, sum(value), sum(orders) FROM bi_reports.customer_value"
                        + " GROUP BY 1 EXCEPT ALL TABLE bi_reports.value_by_region) UNION ALL (TABLE"
                        + " bi_reports.value_by_region EXCEPT ALL SELECT region, sum(value), sum(orders) FROM"
                        + " bi_reports.customer_value GROUP BY 1)) d"),
                "the report file that reads it is refreshed after it " + when);
    }

    private static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }

    private static CliRun cli(Path config, String... args) {
        return CliRun.withConfig(config, args);
    }
}
