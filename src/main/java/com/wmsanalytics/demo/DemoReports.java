package com.wmsanalytics.demo;

import com.wmsanalytics.text.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/** A few lines of the refreshed reports, as a BI user would see them. */
public final class DemoReports {

    /** One report: its title and the query that shows it. */
    private record Report(String title, String sql) {}

    private static final List<Report> REPORTS = List.of(
            new Report(
                    "Top ABC class A products (inventory_analytics.abc_classification)",
                    "SELECT revenue_rank AS rank, sku, category, revenue, round(revenue_share * 100, 1) AS share_pct,"
                            + " round(cumulative_share * 100, 1) AS cumulative_pct, abc_class"
                            + " FROM inventory_analytics.abc_classification WHERE abc_class = 'A' ORDER BY revenue_rank LIMIT 5"),
            new Report(
                    "Fulfilment by warehouse, last 30 days (order_analytics.fulfillment_times)",
                    "SELECT w.code AS warehouse, sum(f.shipped_orders) AS shipped,"
                            + " round(sum(f.p50_hours * f.shipped_orders) / nullif(sum(f.shipped_orders), 0), 1) AS p50_hours,"
                            + " round(sum(f.p90_hours * f.shipped_orders) / nullif(sum(f.shipped_orders), 0), 1) AS p90_hours,"
                            + " max(f.p90_hours) AS worst_day_p90_hours,"
                            + " round(100.0 * sum(f.on_time_orders) / nullif(sum(f.shipped_orders), 0), 1) AS on_time_pct"
                            + " FROM order_analytics.fulfillment_times f JOIN wms.warehouses w USING (warehouse_id)"
                            + " WHERE f.ship_date >= current_date - 30 GROUP BY w.code ORDER BY w.code"),
            new Report(
                    "Company KPIs, last 7 days (analytics.daily_kpis)",
                    "SELECT kpi_date, orders, revenue, round(cancellation_rate * 100, 1) AS cancelled_pct,"
                            + " round(on_time_rate * 100, 1) AS on_time_pct, p90_fulfillment_hours_weighted AS p90_hours,"
                            + " units_picked FROM analytics.daily_kpis ORDER BY kpi_date DESC LIMIT 7"));

    private DemoReports() {}

    /** The reports as lines: a title, an aligned table and a blank line each. */
    public static List<String> render(DSLContext replica) {
        List<String> lines = new ArrayList<>();
        for (Report report : REPORTS) {
            lines.add(report.title());
            lines.addAll(table(replica.fetch(report.sql())).lines());
            lines.add("");
        }
        return lines;
    }

    private static TextTable table(Result<Record> result) {
        TextTable table = new TextTable(
                result.fields().length == 0
                        ? new String[0]
                        : Arrays.stream(result.fields()).map(f -> f.getName()).toArray(String[]::new));
        for (Record r : result) {
            table.row(r.intoArray());
        }
        return table;
    }
}
