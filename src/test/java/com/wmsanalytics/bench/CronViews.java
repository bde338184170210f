package com.wmsanalytics.bench;

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
 * transaction, the way {@code SELECT refresh_analytics_views()} did. The three base reports
 * are materialized views over their definition functions' full result, {@code daily_kpis} is
 * the original query of the V3 migration reading those three, and
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
    static final List<String> ORDER = List.of(SCHEMA + ".daily_orders", SCHEMA + ".fulfillment_times",
            SCHEMA + ".daily_throughput", SCHEMA + ".daily_kpis", "inventory_analytics.stock_levels");

    private static final String DAILY_KPIS = """
            WITH o AS (
                SELECT order_date              AS kpi_date,
                       sum(orders)             AS orders,
                       sum(cancelled_orders)   AS cancelled_orders,
                       sum(net_orders)         AS net_orders,
                       sum(revenue)            AS revenue
                FROM bench_cron.daily_orders
                GROUP BY order_date
            ), f AS (
                SELECT ship_date               AS kpi_date,
                       sum(shipped_orders)     AS shipped_orders,
                       sum(on_time_orders)     AS on_time_orders,
                       max(p90_hours)          AS p90_hours_max,
                       round(sum(p90_hours * shipped_orders) / NULLIF(sum(shipped_orders), 0), 2) AS p90_hours_weighted
                FROM bench_cron.fulfillment_times
                GROUP BY ship_date
            ), t AS (
                SELECT activity_date           AS kpi_date,
                       sum(units_picked)       AS units_picked,
                       sum(units_received)     AS units_received,
                       sum(shipments)          AS shipments
                FROM bench_cron.daily_throughput
                GROUP BY activity_date
            ), d AS (
                SELECT kpi_date FROM o
                UNION
                SELECT kpi_date FROM f
                UNION
                SELECT kpi_date FROM t
            )
            SELECT d.kpi_date,
                   coalesce(o.orders, 0)::bigint                                     AS orders,
                   coalesce(o.revenue, 0)                                            AS revenue,
                   round(o.revenue / NULLIF(o.net_orders, 0), 2)                     AS avg_order_value,
                   round(o.cancelled_orders / NULLIF(o.orders, 0), 4)                AS cancellation_rate,
                   coalesce(f.shipped_orders, 0)::bigint                             AS shipped_orders,
                   round(f.on_time_orders / NULLIF(f.shipped_orders, 0), 4)          AS on_time_rate,
                   f.p90_hours_max                                                   AS p90_fulfillment_hours_max,
                   f.p90_hours_weighted                                              AS p90_fulfillment_hours_weighted,
                   coalesce(t.units_picked, 0)::bigint                               AS units_picked,
                   coalesce(t.units_received, 0)::bigint                             AS units_received,
                   coalesce(t.shipments, 0)::bigint                                  AS shipments
            FROM d
            LEFT JOIN o ON o.kpi_date = d.kpi_date
            LEFT JOIN f ON f.kpi_date = d.kpi_date
            LEFT JOIN t ON t.kpi_date = d.kpi_date
            """;

    private static final List<String> CREATE = List.of(
            "CREATE SCHEMA " + SCHEMA,
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_orders AS SELECT * FROM"
                    + " order_analytics.daily_orders_rows(ARRAY[]::date[], '-infinity'::date) WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".daily_orders (order_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".fulfillment_times AS SELECT * FROM"
                    + " order_analytics.fulfillment_times_rows(ARRAY[]::date[], '-infinity'::date) WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".fulfillment_times (ship_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_throughput AS SELECT * FROM"
                    + " warehouse_analytics.daily_throughput_rows(ARRAY[]::date[], '-infinity'::date) WITH NO DATA",
            "CREATE UNIQUE INDEX ON " + SCHEMA + ".daily_throughput (activity_date, warehouse_id)",
            "CREATE MATERIALIZED VIEW " + SCHEMA + ".daily_kpis AS " + DAILY_KPIS + " WITH NO DATA",
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
