package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportFileTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reports declared {@code by-time} in files, kept bucket by bucket by capture that migrate
 * generates: after each step of a seeded random sequence of replicated changes (late rows in
 * closed days, rows moved between days, lines changed and moved between orders, deletes, a
 * TRUNCATE, new lines of old orders, which only the sweep sees), every report equals its full
 * definition, a report whose weeks read the week before ({@code lookback: 1}) included; so do a
 * by-time report without a source of its own, which follows the days a report it reads
 * rewrites, and a full report file that reads one.
 */
@Tag("slow")
class ByTimeReportTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    static final String ORDER_VALUE = ReportFileTexts.text("order_value_by_day");

    static final String CUSTOMERS = """
            -- name: bi_reports.new_customers_by_week
            -- kind: by-time
            -- group: daily
            -- bucket: week_start by week
            -- unique-key: week_start, region
            -- source: wms.customers.created_at

            SELECT date_trunc('week', c.created_at AT TIME ZONE bucket.zone)::date AS week_start, c.region,
                   count(*) AS customers
            FROM wms.customers c
            WHERE c.created_at >= bucket.since AND c.created_at < bucket.until
            GROUP BY 1, 2
            """;

    /** Each week's value and its growth over the week before: a change dirties its week and the next. */
    static final String GROWTH = """
            -- name: bi_reports.order_value_growth
            -- kind: by-time
            -- group: daily
            -- bucket: week_start by week
            -- lookback: 1
            -- unique-key: week_start, warehouse_id
            -- source: wms.orders.created_at
            -- source: wms.order_lines.order_id -> wms.orders.order_id

            WITH weeks AS (
                SELECT date_trunc('week', o.created_at AT TIME ZONE bucket.zone)::date AS week_start, o.warehouse_id,
                       coalesce(sum(l.quantity * l.unit_price), 0) AS value
                FROM wms.orders o
                LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
                WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
                GROUP BY 1, 2
            )
            SELECT w.week_start, w.warehouse_id, w.value, w.value - p.value AS growth
            FROM weeks w
            LEFT JOIN weeks p ON p.warehouse_id = w.warehouse_id AND p.week_start = w.week_start - 7
            """;

    /**
     * Each week's value from the daily report, with its growth over the week before: it has no
     * source of its own, and follows the days that order_value_by_day rewrites.
     */
    static final String WEEKS = """
            -- name: bi_reports.weekly_value_growth
            -- kind: by-time
            -- group: daily
            -- bucket: week_start by week
            -- lookback: 1
            -- unique-key: week_start

            WITH weeks AS (
                SELECT date_trunc('week', d.order_date)::date AS week_start, sum(d.value) AS value
                FROM bi_reports.order_value_by_day d
                WHERE d.order_date >= (bucket.since AT TIME ZONE bucket.zone)::date
                  AND d.order_date < (bucket.until AT TIME ZONE bucket.zone)::date
                GROUP BY 1
            )
            SELECT w.week_start, w.value, w.value - p.value AS growth
            FROM weeks w
            LEFT JOIN weeks p ON p.week_start = w.week_start - 7
            """;

    static final String TOTALS = """
            -- name: bi_reports.value_by_warehouse
            -- kind: full
            -- group: daily
            -- unique-key: warehouse_id

            SELECT warehouse_id, sum(value) AS value, sum(orders) AS orders
            FROM bi_reports.order_value_by_day GROUP BY warehouse_id
            """;

    @Test
    void by_time_reports_equal_their_definitions_after_every_step_of_random_replicated_changes() throws Exception {
        Path dir = Files.createTempDirectory("reports");
        Path config = Pipeline.build(pg, 600, "wms-analytics.reports.dir = \"" + dir + "\"\n");
        Files.writeString(dir.resolve("order_value.sql"), ORDER_VALUE);
        Files.writeString(dir.resolve("customers.sql"), CUSTOMERS);
        Files.writeString(dir.resolve("totals.sql"), TOTALS);
        Files.writeString(dir.resolve("growth.sql"), GROWTH);
        Files.writeString(dir.resolve("weeks.sql"), WEEKS);
        CliRun migrate = cli(config, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertEquals(
                "by-time",
                value("SELECT kind FROM analytics_control.report_file WHERE report_name = 'order_value_by_day'"));
        assertEquals(
                "t",
                value("SELECT count(*) >= 4 FROM pg_trigger t WHERE t.tgrelid IN ('wms.orders'::regclass,"
                        + " 'wms.order_lines'::regclass) AND t.tgenabled = 'A' AND t.tgname LIKE 'capture\\_%\\_%'"),
                "migrate generated ENABLE ALWAYS capture triggers on the sources");
        assertDefinitions(config, "after migrate");

        Random random = new Random(20261206L);
        List<String> steps = new ArrayList<>();
        for (int step = 0; step < 12; step++) {
            String change = step == 9
                    ? truncateLines()
                    : step == 5
                            ? lineOfAnUntouchedOldOrder()
                            : randomChange(random, 3 * step) + "; " + randomChange(random, 3 * step + 1) + "; "
                                    + randomChange(random, 3 * step + 2);
            steps.add(change);
            pg.primary().execute(PostgresPair.DATABASE, change);
            CliRun refresh = cli(config, "refresh", "--group", "daily");
            assertEquals(0, refresh.exitCode(), steps + ": " + refresh.out() + refresh.err());
            assertDefinitions(config, "step " + step + " " + steps);
        }
        assertEquals(
                "t",
                value("SELECT count(*) > 0 FROM analytics_control.refresh_run_view v WHERE v.view_name ="
                        + " 'order_value_by_day' AND v.mode = 'incremental' AND v.status = 'succeeded'"),
                "the report was refreshed bucket by bucket");
        CliRun verify = cli(
                config,
                "verify",
                "bi_reports.order_value_by_day",
                "bi_reports.new_customers_by_week",
                "bi_reports.order_value_growth",
                "bi_reports.weekly_value_growth");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    /** One random change to closed days (7 to 40 days ago), so that only the capture can see it. */
    private static String randomChange(Random random, int step) {
        long id = 9_000_000L + step * 100L;
        int days = 7 + random.nextInt(34);
        String old = "now() - interval '" + days + " days' - interval '" + random.nextInt(1440) + " minutes'";
        String someOldOrder = "(SELECT order_id FROM wms.orders WHERE created_at < now() - interval '7 days'"
                + " ORDER BY order_id OFFSET " + random.nextInt(50) + " LIMIT 1)";
        return switch (random.nextInt(7)) {
            case 0 ->
                "INSERT INTO wms.orders (order_id, customer_id, warehouse_id, status, created_at, promised_at)"
                        + " SELECT " + id + ", min(customer_id), 1, 'open', " + old + ", " + old
                        + " FROM wms.customers;"
                        + " INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price)"
                        + " SELECT " + id + ", 1, min(product_id), 3, 9.50 FROM wms.products";
            case 1 ->
                "UPDATE wms.orders SET created_at = created_at - interval '" + (1 + random.nextInt(5))
                        + " days' WHERE order_id = " + someOldOrder;
            case 2 -> "UPDATE wms.order_lines SET quantity = quantity + 1 WHERE order_id = " + someOldOrder;
            case 3 -> "DELETE FROM wms.order_lines WHERE order_id = " + someOldOrder + " AND line_no = 1";
            case 4 ->
                "UPDATE wms.order_lines SET order_id = " + someOldOrder + ", line_no = " + (100 + step)
                        + " WHERE (order_id, line_no) = (SELECT order_id, line_no FROM wms.order_lines"
                        + " WHERE order_id < " + someOldOrder + " ORDER BY order_id DESC LIMIT 1)";
            default ->
                "INSERT INTO wms.customers (customer_id, name, segment, region, created_at) VALUES (" + (900_000 + step)
                        + ", 'late', 'retail', 'north', " + old + ")";
        };
    }

    /** A new line of an old order that no other step touches: only the sweep of new lines can see it. */
    private static String lineOfAnUntouchedOldOrder() {
        return "INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price)"
                + " SELECT (SELECT order_id FROM wms.orders WHERE created_at < now() - interval '7 days'"
                + " ORDER BY order_id DESC LIMIT 1), 300, min(product_id), 7, 11.00 FROM wms.products";
    }

    private static String truncateLines() {
        return "TRUNCATE wms.order_lines";
    }

    private static void assertDefinitions(Path config, String when) {
        for (String file : List.of(ORDER_VALUE, CUSTOMERS, GROWTH, WEEKS)) {
            String report = file.substring("-- name: ".length(), file.indexOf('\n'));
            assertEquals("0", value(ReportFileTexts.differences(file)), report + " equals its definition " + when);
        }
        assertEquals(
                "0",
                value(
                        "SELECT count(*) FROM (SELECT warehouse_id, sum(value), sum(orders) FROM bi_reports.order_value_by_day"
                                + " GROUP BY 1 EXCEPT ALL TABLE bi_reports.value_by_warehouse) d"),
                "the report file that reads it is refreshed after it " + when);
        assertTrue(Long.parseLong(value("SELECT count(*) FROM bi_reports.order_value_by_day")) > 0, when);
    }

    private static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }

    private static CliRun cli(Path config, String... args) throws IOException {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
