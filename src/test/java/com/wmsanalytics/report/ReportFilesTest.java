package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.config.FreshnessObjective;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.LateChanges;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.ReportFileTexts;
import com.wmsanalytics.testing.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A BI team's reports as files in {@code reports.dir}, installed by {@code migrate} on a real
 * replica: created, refreshed by their group, rebuilt with their readers when edited, dropped
 * only when asked.
 */
class ReportFilesTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    static final String PICKS = """
            -- name: bi_reports.daily_picks
            -- kind: full
            -- group: daily
            -- unique-key: pick_date, warehouse_id
            -- warn-after: 2h
            -- description: Picked units per day and warehouse.

            SELECT (m.moved_at AT TIME ZONE 'UTC')::date AS pick_date, l.warehouse_id,
                   sum(-m.quantity) AS units
            FROM wms.stock_movements m
            JOIN wms.locations l ON l.location_id = m.location_id
            WHERE m.movement_type = 'pick'
            GROUP BY 1, 2;
            """;

    static final String BUSIEST = """
            -- name: bi_reports.busiest_pick_day
            --
            -- kind: full
            -- group: weekly
            -- unique-key: warehouse_id

            SELECT DISTINCT ON (warehouse_id) warehouse_id, pick_date, units
            FROM bi_reports.daily_picks
            ORDER BY warehouse_id, units DESC, pick_date
            """;

    static final String CUSTOMERS = """
            -- name: bi_reports.customers_by_region
            -- kind: full
            -- group: monthly
            -- unique-key: region

            SELECT region, count(*) AS customers FROM wms.customers GROUP BY region
            """;

    static final String RECENCY = """
            -- name: bi_reports.customer_recency
            -- kind: full
            -- unique-key: customer_id

            SELECT v.customer_id, v.orders, v.value, current_date - v.last_order_at::date AS days_since_last_order
            FROM bi_reports.customer_value v
            """;

    private static Path config;
    private static Path dir;

    @BeforeAll
    static void pipeline() throws IOException {
        dir = Files.createTempDirectory("reports");
        config = Pipeline.build(pg, 400, "wms-analytics.reports.dir = \"" + dir + "\"\n");
    }

    @BeforeEach
    void empty_directory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        CliRun clean = cli("migrate", "--drop-removed");
        assertEquals(0, clean.exitCode(), clean.err());
    }

    @Test
    void a_report_file_dropped_in_the_directory_is_created_by_migrate_and_refreshed_by_its_group() throws IOException {
        write("picks.sql", PICKS);
        write("busiest.sql", BUSIEST);
        write(".#busiest.sql", "an editor's lock file, not a report");
        String lastMigration = value("SELECT max(installed_rank) FROM analytics_control.flyway_schema_history");

        CliRun migrate = cli("migrate");

        assertEquals(0, migrate.exitCode(), migrate.err());
        assertTrue(
                migrate.out().contains("report bi_reports.daily_picks: created from " + dir.resolve("picks.sql")),
                migrate.out());
        assertTrue(migrate.out().contains("report bi_reports.busiest_pick_day: created"), migrate.out());
        assertEquals(
                "0",
                value("SELECT count(*) FROM ((SELECT * FROM bi_reports.daily_picks EXCEPT ALL " + query(PICKS)
                        + ") UNION ALL (" + query(PICKS) + " EXCEPT ALL SELECT * FROM bi_reports.daily_picks)) d"));
        assertTrue(Long.parseLong(value("SELECT count(*) FROM bi_reports.daily_picks")) > 0, "the report has rows");
        assertEquals(
                "wms_analytics_user",
                value("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid ="
                        + " 'bi_reports.daily_picks'::regclass"));
        assertEquals(
                "t", value("SELECT has_table_privilege('wms_bi_reader', 'bi_reports.busiest_pick_day', 'SELECT')"));
        assertEquals(
                "report 00 bi_reports.daily_picks,report 01 bi_reports.busiest_pick_day",
                value("SELECT string_agg(description, ',' ORDER BY installed_rank) FROM"
                        + " analytics_control.flyway_schema_history WHERE installed_rank > " + lastMigration
                        + " AND checksum IS NOT NULL"),
                "Flyway applied each report after the one it reads, and recorded it with a checksum");

        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE wms.stock_movements SET quantity = quantity * 2" + " WHERE movement_type = 'pick'");
        CliRun daily = cli("refresh", "--group", "daily");
        assertEquals(0, daily.exitCode(), daily.out() + daily.err());
        assertTrue(daily.out().contains("bi_reports.daily_picks"), daily.out());
        assertEquals(
                "0",
                value("SELECT count(*) FROM ((SELECT * FROM bi_reports.daily_picks EXCEPT ALL " + query(PICKS)
                        + ") UNION ALL (" + query(PICKS) + " EXCEPT ALL SELECT * FROM bi_reports.daily_picks)) d"),
                "the daily job's refresh brought the report up to date");
        assertEquals(
                "succeeded",
                value(
                        "SELECT v.status FROM analytics_control.refresh_run_view v"
                                + " WHERE v.view_schema = 'bi_reports' AND v.view_name = 'daily_picks' ORDER BY v.run_id DESC LIMIT 1"));
        CliRun views = cli("views");
        assertTrue(views.out().contains("bi_reports.busiest_pick_day"), views.out());
        CliRun dot = cli("views", "--dot");
        assertEquals(0, dot.exitCode(), dot.err());
        assertTrue(dot.out().contains("\"bi_reports.daily_picks\" -> \"bi_reports.busiest_pick_day\";"), dot.out());
        assertTrue(dot.out().contains("\"wms.stock_movements\" -> \"bi_reports.daily_picks\";"), dot.out());
        assertTrue(dot.out().contains("\"wms.orders\" -> \"order_analytics.daily_orders\";"), dot.out());
        JsonNode lineage = new ObjectMapper().readTree(cli("views", "--json").out());
        JsonNode picksLineage = StreamSupport.stream(lineage.spliterator(), false)
                .filter(v -> v.get("view").asText().equals("bi_reports.daily_picks"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "[\"wms.locations\",\"wms.stock_movements\"]",
                picksLineage.get("sources").toString());
        assertEquals(
                "[\"bi_reports.busiest_pick_day\"]", picksLineage.get("read_by").toString());
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            ReportFreshness picks = app.freshnessStates().stream()
                    .filter(f -> f.view().equals("bi_reports.daily_picks"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    Optional.of(new FreshnessObjective(Duration.ofHours(2), Duration.ofHours(30))),
                    picks.objective(),
                    "the file's warn-after, with the daily group's error-after");
            assertEquals(FreshnessState.FRESH, picks.state(), picks.reason());
        }
    }

    @Test
    void an_edited_report_is_rebuilt_with_the_reports_that_read_it_and_nothing_else() throws IOException {
        write("picks.sql", PICKS);
        write("busiest.sql", BUSIEST);
        write("customers.sql", CUSTOMERS);
        assertEquals(0, cli("migrate").exitCode());
        String picks = oid("bi_reports.daily_picks");
        String busiest = oid("bi_reports.busiest_pick_day");
        String customers = oid("bi_reports.customers_by_region");

        write("picks.sql", PICKS.replace("sum(-m.quantity) AS units", "sum(-m.quantity) AS units, count(*) AS picks"));
        CliRun check = cli("migrate", "--check");
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("report bi_reports.daily_picks: its file changed"), check.out());
        assertTrue(check.out().contains("report bi_reports.busiest_pick_day: it reads a changed report"), check.out());
        assertEquals(picks, oid("bi_reports.daily_picks"), "--check changed nothing");
        CliRun migrate = cli("migrate");

        assertEquals(0, migrate.exitCode(), migrate.err());
        assertNotEquals(picks, oid("bi_reports.daily_picks"));
        assertNotEquals(busiest, oid("bi_reports.busiest_pick_day"));
        assertEquals(customers, oid("bi_reports.customers_by_region"), "a report that reads neither is left alone");
        assertTrue(Long.parseLong(value("SELECT sum(picks) FROM bi_reports.daily_picks")) > 0, "rebuilt with data");
        assertEquals(
                List.of(
                        "report bi_reports.daily_picks: rebuilt from " + dir.resolve("picks.sql"),
                        "report bi_reports.busiest_pick_day: rebuilt from " + dir.resolve("busiest.sql")),
                migrate.out().lines().filter(l -> l.startsWith("report ")).toList());
        CliRun again = cli("migrate");
        assertTrue(again.out().lines().noneMatch(l -> l.startsWith("report ")), "nothing left to do: " + again.out());
    }

    @Test
    void a_removed_file_drops_its_report_only_with_drop_removed() throws IOException {
        write("customers.sql", CUSTOMERS);
        assertEquals(0, cli("migrate").exitCode());
        Files.delete(dir.resolve("customers.sql"));

        CliRun refused = cli("migrate");

        assertEquals(2, refused.exitCode(), refused.out() + refused.err());
        assertEquals(
                List.of("error: the file of report bi_reports.customers_by_region (" + dir.resolve("customers.sql")
                        + ") is gone; run 'wms-analytics migrate --drop-removed' to drop it, or put the file back"),
                refused.errLines());
        assertEquals("1", value("SELECT count(*) FROM pg_matviews WHERE matviewname = 'customers_by_region'"));

        CliRun dropped = cli("migrate", "--drop-removed");

        assertEquals(0, dropped.exitCode(), dropped.err());
        assertTrue(dropped.out().contains("report bi_reports.customers_by_region: dropped"), dropped.out());
        assertEquals("0", value("SELECT count(*) FROM pg_matviews WHERE matviewname = 'customers_by_region'"));
        assertEquals(
                "0",
                value("SELECT count(*) FROM analytics_control.refresh_group_member WHERE view_name ="
                        + " 'customers_by_region'"));
    }

    @Test
    void a_migrate_that_cannot_lock_a_report_a_reader_holds_exits_4_and_changes_nothing() throws Exception {
        write("customers.sql", CUSTOMERS);
        assertEquals(0, cli("migrate").exitCode());
        String before = oid("bi_reports.customers_by_region");
        write("customers.sql", CUSTOMERS.replace("count(*) AS customers", "count(*) AS customers, 1 AS one"));
        Path quick = Files.writeString(
                Files.createTempFile("quick-lock", ".conf"),
                Files.readString(config) + "wms-analytics.refresh.lock-timeout = 1s\n");
        try (Connection reader = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("SELECT count(*) FROM bi_reports.customers_by_region");

            CliRun check = CliRun.of("migrate", "--check", "--config", quick.toString());

            assertEquals(4, check.exitCode(), check.out() + check.err());
            assertEquals(
                    List.of("error: migrate could not lock a report or a mirror table within refresh.lock-timeout"
                            + " (1.0 s): a refresh or the apply worker holds it; try again"),
                    check.errLines());
            reader.rollback();
        }
        assertEquals(before, oid("bi_reports.customers_by_region"), "nothing changed");
    }

    @Test
    void refreshing_a_report_by_name_first_brings_the_by_key_ledger_it_reads_up_to_date() throws IOException {
        write("customer_value.sql", ReportFileTexts.text("customer_value"));
        write("customer_recency.sql", RECENCY);
        CliRun migrate = cli("migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        pg.primary().execute(PostgresPair.DATABASE, LateChanges.oldOrderOfTheFirstCustomer());

        CliRun recency = cli("refresh", "bi_reports.customer_recency");

        assertEquals(0, recency.exitCode(), recency.out() + recency.err());
        assertTrue(
                recency.out().contains("bi_reports.customer_value"), "the ledger is refreshed too: " + recency.out());
        String definition = "SELECT c.customer_id, count(DISTINCT o.order_id) AS orders,"
                + " coalesce(sum(l.quantity * l.unit_price), 0) AS value,"
                + " current_date - max(o.created_at)::date AS days_since_last_order"
                + " FROM wms.customers c LEFT JOIN wms.orders o ON o.customer_id = c.customer_id"
                + " LEFT JOIN wms.order_lines l ON l.order_id = o.order_id GROUP BY c.customer_id";
        assertEquals(
                "0",
                value("SELECT count(*) FROM ((TABLE bi_reports.customer_recency EXCEPT ALL " + definition
                        + ") UNION ALL (" + definition + " EXCEPT ALL TABLE bi_reports.customer_recency)) d"),
                "the report over the ledger counts the late order");
    }

    @Test
    void a_report_in_two_groups_is_refreshed_by_each_job_and_judged_by_its_first_group() throws IOException {
        write("regions.sql", CUSTOMERS.replace("-- group: monthly", "-- group: daily, weekly"));
        CliRun migrate = cli("migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());

        for (String group : List.of("daily", "weekly")) {
            CliRun refresh = cli("refresh", "--group", group);
            assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
            assertTrue(refresh.out().contains("bi_reports.customers_by_region"), group + ": " + refresh.out());
        }
        CliRun monthly = cli("refresh", "--group", "monthly");
        assertTrue(!monthly.out().contains("bi_reports.customers_by_region"), monthly.out());
        assertEquals(
                "daily",
                value("SELECT string_agg(refresh_group, ',') FROM analytics.report_freshness"
                        + " WHERE view_name = 'customers_by_region'"),
                "one row, in the first group");
        CliRun views = cli("views");
        assertTrue(
                views.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("bi_reports.customers_by_region") && l.contains("daily, weekly")),
                views.out());

        write("regions.sql", CUSTOMERS.replace("-- group: monthly", "-- group: weekly"));
        CliRun again = cli("migrate");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        CliRun daily = cli("refresh", "--group", "daily");
        assertTrue(!daily.out().contains("bi_reports.customers_by_region"), "left the daily group: " + daily.out());
        assertEquals(
                "weekly",
                value("SELECT string_agg(refresh_group, ',') FROM analytics.report_freshness"
                        + " WHERE view_name = 'customers_by_region'"));
        assertEquals(
                "0",
                value(
                        "SELECT count(*) FROM analytics_control.refresh_group_extra WHERE view_name = 'customers_by_region'"));
    }

    private static String query(String file) {
        return file.substring(file.indexOf("\n\n") + 2).strip().replaceAll(";$", "");
    }

    @Test
    void a_dropped_report_leaves_the_merged_capture_of_the_others_on_its_tables_and_they_stay_right() throws Exception {
        write("order_value.sql", ReportFileTexts.text("order_value_by_day"));
        assertEquals(0, cli("migrate").exitCode());
        String ordersUpdate = "SELECT p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
                + " WHERE t.tgrelid = 'wms.orders'::regclass AND NOT t.tgisinternal AND t.tgtype & 16 <> 0";
        assertTrue(value(ordersUpdate).contains("'order_value_by_day'"), "the file's part is in the trigger");
        assertTrue(value(ordersUpdate).contains("'daily_orders'"), "beside the built-in reports' parts");

        Files.delete(dir.resolve("order_value.sql"));
        CliRun dropped = cli("migrate", "--drop-removed");

        assertEquals(0, dropped.exitCode(), dropped.out() + dropped.err());
        assertEquals(
                "0",
                value("SELECT count(*) FROM analytics_control.capture_part WHERE report_name = 'order_value_by_day'"));
        assertTrue(!value(ordersUpdate).contains("'order_value_by_day'"), "its part is gone from the trigger");
        assertTrue(value(ordersUpdate).contains("'daily_orders'"), "the built-in reports keep theirs");
        assertEquals(0, cli("refresh", "--group", "daily").exitCode());
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE wms.orders SET status = 'cancelled', cancelled_at = now()"
                                + " WHERE order_id = (SELECT min(order_id) FROM wms.orders WHERE status <> 'cancelled')");
        CliRun refreshed = cli("refresh", "--group", "daily");
        assertEquals(0, refreshed.exitCode(), refreshed.out() + refreshed.err());
        assertEquals(
                0,
                ReportDefinitions.differences(
                        pg.replica().dataSource(PostgresPair.DATABASE), "order_analytics.daily_orders", "UTC"),
                "a late cancellation, captured by the trigger made again, reaches daily_orders");
    }

    static void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    static String oid(String report) {
        return value("SELECT '" + report + "'::regclass::oid");
    }

    static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }

    static CliRun cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
