package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.LateChanges;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built-in reports that are refreshed in full are report files shipped in the jar: {@code
 * migrate} records them in their groups like a BI team's, keeps one that stands as its file
 * defines it, and rebuilds one that does not.
 */
class BuiltinReportsTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static Path config;

    @BeforeAll
    static void pipeline() {
        config = Pipeline.build(pg, 100, "");
    }

    @Test
    void every_built_in_report_is_recorded_as_a_report_file_in_the_group_it_always_had() {
        assertEquals(
                "abc_classification:monthly:full,customer_months:weekly:by-time,customer_span:monthly:by-key,"
                        + "customer_summary:weekly:table,"
                        + "daily_kpis:daily:by-time,daily_orders:daily:by-time,daily_throughput:daily:by-time,"
                        + "fulfillment_times:daily:by-time,location_utilization:weekly:full,"
                        + "monthly_movement_value:monthly:by-time,"
                        + "monthly_rfm:monthly:table,monthly_turnover:monthly:full,pick_months:weekly:by-time,"
                        + "product_months:monthly:by-time,slow_movers:weekly:full,"
                        + "stock_levels:daily:full,weekly_orders:weekly:by-time,weekly_trends:weekly:full",
                value("SELECT string_agg(f.report_name || ':' || m.refresh_group || ':' || f.kind, ','"
                        + " ORDER BY f.report_name) FROM analytics_control.report_file f"
                        + " JOIN analytics_control.refresh_group_member m"
                        + " ON m.view_schema = f.report_schema AND m.view_name = f.report_name"
                        + " WHERE f.file = 'built-in/' || f.report_name || '.sql'"));
        CliRun again = cli("migrate");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertFalse(again.out().contains("report "), "a second migrate changes no report: " + again.out());
    }

    @Test
    void a_built_in_report_that_differs_from_its_file_is_rebuilt_from_it() throws Exception {
        String migration =
                value("SELECT migration FROM analytics_control.report_file WHERE report_name = 'slow_movers'");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "DELETE FROM analytics_control.report_file WHERE report_name = 'slow_movers';"
                                + " DELETE FROM analytics_control.flyway_schema_history WHERE description = '"
                                + migration + "';"
                                + " DROP MATERIALIZED VIEW inventory_analytics.slow_movers;"
                                + " CREATE MATERIALIZED VIEW inventory_analytics.slow_movers AS"
                                + " SELECT 1 AS warehouse_id, 2 AS product_id;");

        CliRun check = cli("migrate", "--check");
        CliRun migrate = cli("migrate");

        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(
                check.out().contains("report inventory_analytics.slow_movers: built in and changed, so it is rebuilt"),
                check.out());
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertTrue(
                migrate.out().contains("report inventory_analytics.slow_movers: rebuilt from built-in/slow_movers.sql"),
                migrate.out());
        assertFalse(migrate.out().contains("customer_summary"), "no other report is touched: " + migrate.out());
        try (Connection c = pg.replica().dataSource(PostgresPair.DATABASE).getConnection()) {
            c.setAutoCommit(false);
            ReportFile file = BuiltinReports.read(new ReportFileParser(Set.of())).stream()
                    .filter(f -> f.name().equals("slow_movers"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(new Adoption(c).standsAsDefined(file), "slow_movers stands as its file defines it");
            c.rollback();
        }
        assertEquals(
                "1", value("SELECT count(*) FROM analytics_control.report_file WHERE report_name = 'slow_movers'"));
        assertEquals(
                "t",
                value("SELECT count(*) > 0 FROM pg_indexes WHERE schemaname = 'inventory_analytics'"
                        + " AND tablename = 'slow_movers' AND indexdef LIKE 'CREATE UNIQUE INDEX%'"));
        CliRun refresh = cli("refresh", "inventory_analytics.slow_movers");
        assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
    }

    @Test
    void a_built_in_report_without_its_unique_index_is_rebuilt_with_it() {
        String migration =
                value("SELECT migration FROM analytics_control.report_file WHERE report_name = 'location_utilization'");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "DELETE FROM analytics_control.report_file WHERE report_name = 'location_utilization';"
                                + " DELETE FROM analytics_control.flyway_schema_history WHERE description = '"
                                + migration + "';"
                                + " DROP INDEX warehouse_analytics.location_utilization_key");

        CliRun migrate = cli("migrate");

        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertTrue(
                migrate.out()
                        .contains("report warehouse_analytics.location_utilization: rebuilt from"
                                + " built-in/location_utilization.sql"),
                "the same definition without its unique index is not kept: " + migrate.out());
        assertEquals(
                "location_id",
                value("SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON a.attrelid ="
                        + " i.indrelid AND a.attnum = ANY (i.indkey::int2[]) WHERE i.indrelid ="
                        + " 'warehouse_analytics.location_utilization'::regclass AND i.indisunique"));
    }

    @Test
    void customer_summary_refreshed_alone_after_late_orders_equals_its_definition_as_first_shipped() throws Exception {
        CliRun weekly = cli("refresh", "--group", "weekly");
        assertEquals(0, weekly.exitCode(), weekly.out() + weekly.err());
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        LateChanges.oldOrderOfTheFirstCustomer() + ";"
                                + " UPDATE wms.orders SET status = 'cancelled' WHERE order_id ="
                                + " (SELECT min(order_id) FROM wms.orders WHERE status = 'delivered');"
                                + " UPDATE wms.order_lines SET quantity = quantity + 2 WHERE order_id ="
                                + " (SELECT min(order_id) FROM wms.orders WHERE status = 'shipped')");

        CliRun summary = cli("refresh", "customer_analytics.customer_summary");

        assertEquals(0, summary.exitCode(), summary.out() + summary.err());
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "customer_analytics.customer_summary",
                        "V4__weekly_views.sql",
                        "UTC"),
                "customer_summary equals its definition as first shipped, the late changes included");
        assertEquals(
                "1",
                value("SELECT count(*) FROM analytics_control.refresh_run r JOIN analytics_control.refresh_run_view v"
                        + " USING (run_id) WHERE r.run_id = (SELECT max(run_id) FROM analytics_control.refresh_run)"
                        + " AND v.view_name = 'customer_months' AND v.mode = 'incremental'"),
                "its ledger was refreshed first, month by month");
    }

    private static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }

    private static CliRun cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
