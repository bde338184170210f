package com.wmsanalytics.bench;

import com.wmsanalytics.testing.ReportDefinitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The reports of each group as the migrations first shipped them (V3, V4 and V5): plain
 * materialized views in the scratch schema {@value #SCHEMA} on the replica, refreshed one after
 * the other in one transaction per group, as the crontab lines the tool replaces did. The KPIs
 * read the copies here.
 */
final class SeedViews {

    static final String SCHEMA = "bench_seed";

    /** Each group's views in refresh order: name here, migration, report it copies. */
    private record Copy(String name, String migration, String report) {}

    private static final Map<String, List<Copy>> GROUPS = Map.of(
            "daily",
            List.of(
                    new Copy("daily_orders", "V3__daily_views.sql", "order_analytics.daily_orders"),
                    new Copy("fulfillment_times", "V3__daily_views.sql", "order_analytics.fulfillment_times"),
                    new Copy("daily_throughput", "V3__daily_views.sql", "warehouse_analytics.daily_throughput"),
                    new Copy("daily_kpis", "V3__daily_views.sql", "analytics.daily_kpis"),
                    new Copy("stock_levels", "V3__daily_views.sql", "inventory_analytics.stock_levels")),
            "weekly",
            List.of(
                    new Copy("weekly_trends", "V4__weekly_views.sql", "order_analytics.weekly_trends"),
                    new Copy("slow_movers", "V4__weekly_views.sql", "inventory_analytics.slow_movers"),
                    new Copy(
                            "location_utilization", "V4__weekly_views.sql", "warehouse_analytics.location_utilization"),
                    new Copy("customer_summary", "V4__weekly_views.sql", "customer_analytics.customer_summary")),
            "monthly",
            List.of(
                    new Copy("monthly_turnover", "V5__monthly_views.sql", "inventory_analytics.monthly_turnover"),
                    new Copy("abc_classification", "V5__monthly_views.sql", "inventory_analytics.abc_classification"),
                    new Copy("monthly_rfm", "V5__monthly_views.sql", "customer_analytics.monthly_rfm")));

    static final List<String> GROUP_ORDER = List.of("daily", "weekly", "monthly");

    private final Connection connection;
    private final String timeZone;

    SeedViews(Connection connection, String timeZone) {
        this.connection = connection;
        this.timeZone = timeZone;
    }

    /** Creates the copies, unpopulated. */
    void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (String group : GROUP_ORDER) {
                for (Copy copy : GROUPS.get(group)) {
                    s.execute("CREATE MATERIALIZED VIEW " + SCHEMA + "." + copy.name() + " AS " + query(copy)
                            + " WITH NO DATA");
                }
            }
        }
    }

    /** REFRESH MATERIALIZED VIEW of each view of the group, in order, in one transaction. */
    Duration refresh(String group) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL TimeZone = '" + timeZone.replace("'", "''") + "'");
            for (Copy copy : GROUPS.get(group)) {
                s.execute("REFRESH MATERIALIZED VIEW " + SCHEMA + "." + copy.name());
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The shipped query, reading the copies here where it read another report. */
    private static String query(Copy copy) {
        String query = ReportDefinitions.originalQuery(copy.migration(), copy.report());
        for (List<Copy> group : GROUPS.values()) {
            for (Copy other : group) {
                query = query.replace("FROM " + other.report() + "\n", "FROM " + SCHEMA + "." + other.name() + "\n");
            }
        }
        return query;
    }
}
