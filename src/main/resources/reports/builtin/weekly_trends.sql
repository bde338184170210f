-- name: order_analytics.weekly_trends
-- kind: full
-- group: weekly
-- unique-key: week_start, warehouse_id
-- description: Weekly order trend with week-over-week growth of orders and revenue for sales reviews, one row per ISO week and warehouse.

-- order_analytics.weekly_trends: one row per ISO week (Monday) and warehouse, from the
-- warehouse's first week with orders to the last week with any order, weeks without orders
-- included (as zeros). orders_wow_growth and revenue_wow_growth are the change over the week
-- before, as a fraction: NULL for the first week or after a week with none. week_complete is
-- false for the current, still running week. It reads the ledger weekly_orders, one row per
-- week and warehouse, so a refresh reads a few hundred rows, not the history; it stays
-- refreshed in full because week_complete moves with the date.
WITH weeks AS (
    SELECT s.warehouse_id, g.week::date AS week_start
    FROM (SELECT warehouse_id, min(week_start) AS first_week
          FROM order_analytics.weekly_orders
          GROUP BY warehouse_id) s
    CROSS JOIN LATERAL generate_series(s.first_week::timestamp,
                                       (SELECT max(week_start) FROM order_analytics.weekly_orders)::timestamp,
                                       interval '1 week') AS g(week)
), dense AS (
    SELECT w.week_start,
           w.warehouse_id,
           coalesce(k.orders, 0)            AS orders,
           coalesce(k.cancelled_orders, 0)  AS cancelled_orders,
           coalesce(k.units, 0)             AS units,
           coalesce(k.revenue, 0)           AS revenue
    FROM weeks w
    LEFT JOIN order_analytics.weekly_orders k ON k.week_start = w.week_start AND k.warehouse_id = w.warehouse_id
)
SELECT week_start,
       warehouse_id,
       orders::bigint                                                     AS orders,
       cancelled_orders::bigint                                           AS cancelled_orders,
       units::bigint                                                      AS units,
       revenue,
       round(revenue / NULLIF(orders - cancelled_orders, 0), 2)           AS avg_order_value,
       round((orders - lag(orders) OVER w)::numeric
             / NULLIF(lag(orders) OVER w, 0), 4)                          AS orders_wow_growth,
       round((revenue - lag(revenue) OVER w)
             / NULLIF(lag(revenue) OVER w, 0), 4)                         AS revenue_wow_growth,
       week_start + 7 <= current_date                                     AS week_complete
FROM dense
WINDOW w AS (PARTITION BY warehouse_id ORDER BY week_start)
