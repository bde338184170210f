-- name: order_analytics.weekly_orders
-- kind: by-time
-- group: weekly
-- bucket: week_start by week
-- unique-key: week_start, warehouse_id
-- source: wms.orders.created_at
-- source: wms.order_lines.order_id -> wms.orders.order_id
-- description: Each warehouse's orders, units and revenue per ISO week with orders, kept week by week: the ledger weekly_trends reads.

-- order_analytics.weekly_orders: one row per ISO week (Monday, date_trunc('week')) and
-- warehouse with orders. orders counts cancelled orders too; units and revenue count only
-- the orders that are not cancelled (NULL when every order of the week was cancelled). Each
-- order's lines are read by its key.
SELECT date_trunc('week', o.created_at AT TIME ZONE bucket.zone)::date              AS week_start,
       o.warehouse_id,
       count(*)::bigint                                                           AS orders,
       (count(*) FILTER (WHERE o.status = 'cancelled'))::bigint                    AS cancelled_orders,
       sum(t.units) FILTER (WHERE o.status <> 'cancelled')                        AS units,
       sum(t.order_value) FILTER (WHERE o.status <> 'cancelled')                  AS revenue
FROM wms.orders o
CROSS JOIN LATERAL (
    SELECT coalesce(sum(l.quantity), 0)                  AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)   AS order_value
    FROM wms.order_lines l
    WHERE l.order_id = o.order_id) AS t
WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
GROUP BY 1, 2
