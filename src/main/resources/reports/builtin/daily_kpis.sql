-- name: analytics.daily_kpis
-- kind: by-time
-- group: daily
-- bucket: kpi_date by day
-- unique-key: kpi_date
-- description: Company-wide daily KPIs for the management dashboard (orders, revenue, cancellation and on-time rates, p90 fulfillment hours, units picked and received), one row per day.

-- analytics.daily_kpis: one row per day, over all warehouses, from the three daily reports: it
-- has no source of its own, and follows the days they rewrite. Rates are computed again from
-- summed counts, so they are weighted by volume. A company-wide p90 cannot be derived from
-- per-warehouse percentiles, so two approximations are given: the worst warehouse's p90
-- (p90_fulfillment_hours_max) and the p90s averaged with shipped orders as weights
-- (p90_fulfillment_hours_weighted).
WITH o AS (
    SELECT order_date              AS kpi_date,
           sum(orders)             AS orders,
           sum(cancelled_orders)   AS cancelled_orders,
           sum(net_orders)         AS net_orders,
           sum(revenue)            AS revenue
    FROM order_analytics.daily_orders
    WHERE order_date >= (bucket.since AT TIME ZONE bucket.zone)::date
      AND order_date < (bucket.until AT TIME ZONE bucket.zone)::date
    GROUP BY order_date
), f AS (
    SELECT ship_date               AS kpi_date,
           sum(shipped_orders)     AS shipped_orders,
           sum(on_time_orders)     AS on_time_orders,
           max(p90_hours)          AS p90_hours_max,
           round(sum(p90_hours * shipped_orders) / NULLIF(sum(shipped_orders), 0), 2) AS p90_hours_weighted
    FROM order_analytics.fulfillment_times
    WHERE ship_date >= (bucket.since AT TIME ZONE bucket.zone)::date
      AND ship_date < (bucket.until AT TIME ZONE bucket.zone)::date
    GROUP BY ship_date
), t AS (
    SELECT activity_date           AS kpi_date,
           sum(units_picked)       AS units_picked,
           sum(units_received)     AS units_received,
           sum(shipments)          AS shipments
    FROM warehouse_analytics.daily_throughput
    WHERE activity_date >= (bucket.since AT TIME ZONE bucket.zone)::date
      AND activity_date < (bucket.until AT TIME ZONE bucket.zone)::date
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
