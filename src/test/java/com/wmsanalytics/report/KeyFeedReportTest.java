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
 * A report kept by key over a ledger kept by time, its source line naming the ledger's key
 * column: each refresh of the ledger passes on the keys of the rows it changed, and the report
 * recomputes just those keys, never rebuilt in full because its ledger changed. After each step
 * of a seeded random sequence of replicated changes (late orders on closed days, orders moved
 * between customers and days, lines changed and deleted, a TRUNCATE), both equal their
 * definitions.
 */
@Tag("slow")
class KeyFeedReportTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    static final String CUSTOMER_DAYS = """
            -- name: bi_reports.customer_days
            -- kind: by-time
            -- group: daily
            -- bucket: order_date by day
            -- unique-key: order_date, customer_id
            -- source: wms.orders.created_at
            -- source: wms.order_lines.order_id -> wms.orders.order_id

            SELECT (o.created_at AT TIME ZONE bucket.zone)::date AS order_date, o.customer_id,
                   count(DISTINCT o.order_id) AS orders, coalesce(sum(l.quantity * l.unit_price), 0) AS value
            FROM wms.orders o
            LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
            WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
            GROUP BY 1, 2
            """;

    static final String CUSTOMER_TOTALS = """
            -- name: bi_reports.customer_totals
            -- kind: by-key
            -- group: daily
            -- key: customer_id
            -- unique-key: customer_id
            -- source: bi_reports.customer_days.customer_id

            SELECT d.customer_id, sum(d.orders) AS orders, sum(d.value) AS value,
                   min(d.order_date) AS first_day, max(d.order_date) AS last_day
            FROM bi_reports.customer_days d
            GROUP BY d.customer_id
            """;

    /** Reads only the ledger's key column: its rows, as it reads them, repeat (one per day). */
    static final String CUSTOMER_DAY_COUNTS = """
            -- name: bi_reports.customer_day_counts
            -- kind: by-key
            -- group: daily
            -- key: customer_id
            -- unique-key: customer_id
            -- source: bi_reports.customer_days.customer_id

            SELECT d.customer_id, count(*) AS days
            FROM bi_reports.customer_days d
            GROUP BY d.customer_id
            """;

    @Test
    void a_by_key_report_over_a_ledger_kept_by_time_recomputes_only_the_keys_whose_ledger_rows_changed()
            throws Exception {
        Path dir = Files.createTempDirectory("reports");
        Path config = Pipeline.build(pg, 600, "wms-analytics.reports.dir = \"" + dir + "\"\n");
        Files.writeString(dir.resolve("customer_days.sql"), CUSTOMER_DAYS);
        Files.writeString(dir.resolve("customer_totals.sql"), CUSTOMER_TOTALS);
        Files.writeString(dir.resolve("customer_day_counts.sql"), CUSTOMER_DAY_COUNTS);
        CliRun migrate = cli(config, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertEquals(
                "customer_days.customer_id {customer_id,order_date,orders,value}",
                value(
                        "SELECT source_name || '.' || key_column || ' ' || read_columns::text FROM analytics_control.key_feed"
                                + " WHERE report_name = 'customer_totals'"),
                "migrate records the ledger that feeds the report's keys, and the ledger's columns it reads");
        assertEquals(
                "{customer_id}",
                value(
                        "SELECT read_columns::text FROM analytics_control.key_feed WHERE report_name = 'customer_day_counts'"));
        assertEquals(
                "0",
                value("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'bi_reports.customer_days'::regclass"
                        + " AND NOT tgisinternal"),
                "nothing is captured on the ledger: its refresh passes the keys on");
        assertEquals(0, cli(config, "refresh", "--group", "daily").exitCode(), "the first refresh rebuilds both");
        CliRun idle = cli(config, "refresh", "--group", "daily");
        assertEquals(0, idle.exitCode(), idle.out() + idle.err());
        assertEquals(
                "incremental 0",
                lastRun("customer_totals"),
                "the ledger's open window was rewritten with the same rows: no key changed");

        Random random = new Random(71207L);
        List<String> steps = new ArrayList<>();
        int incremental = 0;
        for (int step = 0; step < 12; step++) {
            String change = step == 9
                    ? "TRUNCATE wms.order_lines"
                    : randomChange(random, 3 * step) + "; " + randomChange(random, 3 * step + 1) + "; "
                            + randomChange(random, 3 * step + 2);
            steps.add(change);
            pg.primary().execute(PostgresPair.DATABASE, change);
            CliRun refresh = cli(config, "refresh", "--group", "daily");
            assertEquals(0, refresh.exitCode(), steps + ": " + refresh.out() + refresh.err());
            assertDefinition(CUSTOMER_DAYS, "bi_reports.customer_days", "step " + step + " " + steps);
            assertDefinition(CUSTOMER_TOTALS, "bi_reports.customer_totals", "step " + step + " " + steps);
            assertDefinition(CUSTOMER_DAY_COUNTS, "bi_reports.customer_day_counts", "step " + step + " " + steps);
            String run = lastRun("customer_totals");
            if (step != 9) {
                assertTrue(
                        run.startsWith("incremental ") && Integer.parseInt(run.substring(12)) <= 6,
                        "step " + step + ": the ledger's changes passed on at most the six customers it touched,"
                                + " and the report was not rebuilt: " + run + " " + steps);
                incremental++;
            }
        }
        assertEquals(11, incremental);
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price)"
                                + " SELECT min(order_id), 99, (SELECT min(product_id) FROM wms.products), 3, 10.00"
                                + " FROM wms.orders WHERE created_at < now() - interval '10 days'");
        CliRun quantity = cli(config, "refresh", "--group", "daily");
        assertEquals(0, quantity.exitCode(), quantity.out() + quantity.err());
        assertEquals(
                "incremental 1",
                lastRun("customer_totals"),
                "a line added to an order of a closed day changed its value: one customer");
        assertEquals(
                "incremental 0",
                lastRun("customer_day_counts"),
                "the change is in a ledger column the report does not read: no key passed on");
        assertDefinition(CUSTOMER_DAY_COUNTS, "bi_reports.customer_day_counts", "after a change it does not read");
        CliRun verify = cli(config, "verify", "bi_reports.customer_totals");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());

        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE bi_reports.customer_days SET value = value + 1000 WHERE order_date ="
                                + " (SELECT max(order_date) FROM bi_reports.customer_days WHERE order_date < current_date - 7)");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE analytics_control.incremental_report SET needs_full = true WHERE report_name ="
                                + " 'customer_totals'");
        CliRun rebuilt = cli(config, "refresh", "--group", "daily");
        assertEquals(0, rebuilt.exitCode(), "the report adds up the damaged ledger: " + rebuilt.out() + rebuilt.err());
        CliRun repair = cli(config, "verify", "--repair", "bi_reports.customer_days");
        assertEquals(0, repair.exitCode(), repair.out() + repair.err());
        assertTrue(repair.out().contains("repaired"), "the damaged closed day was found and repaired: " + repair.out());
        assertEquals(0, cli(config, "refresh", "--group", "daily").exitCode());
        assertDefinition(CUSTOMER_TOTALS, "bi_reports.customer_totals", "after verify repaired its ledger");
    }

    /** The mode and the keys of the report's last refresh. */
    private static String lastRun(String report) {
        return value("SELECT mode || ' ' || buckets FROM analytics_control.refresh_run_view WHERE view_name = '"
                + report + "' ORDER BY run_id DESC LIMIT 1");
    }

    private static String randomChange(Random random, int n) {
        String someOrder =
                "(SELECT order_id FROM wms.orders ORDER BY order_id OFFSET " + random.nextInt(300) + " LIMIT 1)";
        String someCustomer = "(SELECT customer_id FROM wms.customers ORDER BY customer_id OFFSET " + random.nextInt(80)
                + " LIMIT 1)";
        return switch (random.nextInt(6)) {
            case 0 ->
                "INSERT INTO wms.orders (order_id, customer_id, warehouse_id, status, created_at, promised_at)"
                        + " SELECT " + (8_000_000 + n) + ", " + someCustomer + ", 1, 'open', now() - interval '"
                        + (10 + random.nextInt(50)) + " days', now()";
            case 1 -> "UPDATE wms.orders SET customer_id = " + someCustomer + " WHERE order_id = " + someOrder;
            case 2 ->
                "UPDATE wms.orders SET created_at = created_at - interval '" + (1 + random.nextInt(20))
                        + " days' WHERE order_id = " + someOrder;
            case 3 -> "UPDATE wms.order_lines SET quantity = quantity + 2 WHERE order_id = " + someOrder;
            case 4 -> "DELETE FROM wms.order_lines WHERE order_id = " + someOrder + " AND line_no = 1";
            default ->
                "DELETE FROM wms.orders WHERE order_id = (SELECT max(order_id) FROM wms.orders WHERE order_id >= 8000000)";
        };
    }

    private static void assertDefinition(String file, String table, String when) {
        assertEquals("0", value(ReportFileTexts.differences(file)), table + " equals its definition " + when);
    }

    private static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }

    private static CliRun cli(Path config, String... args) {
        return CliRun.withConfig(config, args);
    }
}
