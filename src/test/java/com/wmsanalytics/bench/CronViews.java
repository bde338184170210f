package com.wmsanalytics.bench;

import com.wmsanalytics.testing.ReportDefinitions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "The old cron function": the five reports of the daily group as the materialized views they
 * were before they became incremental, refreshed plain, one after the other, in one
 * transaction, the way {@code SELECT refresh_analytics_views()} did. The four are the original
 * queries of the V3 migration, read from its file ({@code daily_kpis} reading the three copies
 * here), and
 * {@code inventory_analytics.stock_levels} is the tool's own view. They live in the scratch
 * schema {@value #SCHEMA} on the replica, with the unique indexes the old views had.
 */
final class CronViews {

    static final String SCHEMA = "bench_cron";

    /** One plain refresh of the five: each view's time and the whole transaction's. */
    record Run(Map<String, Duration> views, Duration total) {}

    /** A table the incremental refresh maintains and its old-style copy here. */
    record Copy(String report, String copy) {}

    static final List<Copy> COPIES = List.of(
            new Copy("order_analytics.daily_orders", SCHEMA + ".daily_orders"),
            new Copy("order_analytics.fulfillment_times", SCHEMA + ".fulfillment_times"),
            new Copy("warehouse_analytics.daily_throughput", SCHEMA + ".daily_throughput"),
            new Copy("analytics.daily_kpis", SCHEMA + ".daily_kpis"));

    /** Refresh order: the base reports, the KPIs that read them, then stock levels. */
    static final List<String> ORDER = List.of(
            SCHEMA + ".daily_orders",
            SCHEMA + ".fulfillment_times",
            SCHEMA + ".daily_throughput",
            SCHEMA + ".daily_kpis",
            "inventory_analytics.stock_levels");

    /** The daily reports of the V3 migration, as the old views were defined. */
    private static final String MIGRATION = "V3__daily_views.sql";

    /** The V3 query of a report, reading the old-style copies here instead of the incremental tables. */
    private static String original(String report) {
        String query = ReportDefinitions.originalQuery(MIGRATION, report);
        for (Copy copy : COPIES) {
            query = query.replace("FROM " + copy.report() + "\n", "FROM " + copy.copy() + "\n");
        }
        return query;
    }

    private static final List<String> CREATE = List.of(
            "CREATE SCHEMA " + SCHEMA,
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_orders AS " + original("order_analytics.daily_orders")
                    + " WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".daily_orders (order_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".fulfillment_times AS "
                    + original("order_analytics.fulfillment_times") + " WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".fulfillment_times (ship_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_throughput AS "
                    + original("warehouse_analytics.daily_throughput") + " WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".daily_throughput (activity_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_kpis AS " + original("analytics.daily_kpis")
                    + " WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".daily_kpis (kpi_date)");

    private final Connection connection;
    private final String timeZone;

    /** {@code timeZone}: the reporting time zone, which the tool's refresh uses as well. */
    CronViews(Connection connection, String timeZone) {
        this.connection = connection;
        this.timeZone = timeZone;
    }

    /** Creates the schema and its views, unpopulated. */
    void create() throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String sql : CREATE) {
                statement.execute(sql);
            }
        }
    }

    /** REFRESH MATERIALIZED VIEW of each, in {@link #ORDER}, in one transaction. */
    Run refresh() throws SQLException {
        long start = System.nanoTime();
        Map<String, Duration> views = new LinkedHashMap<>();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL TimeZone = '" + timeZone.replace("'", "''") + "'");
            for (String view : ORDER) {
                long viewStart = System.nanoTime();
                statement.execute("REFRESH MATERIALIZED VIEW " + view);
                views.put(view, Duration.ofNanos(System.nanoTime() - viewStart));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return new Run(views, Duration.ofNanos(System.nanoTime() - start));
    }
}
