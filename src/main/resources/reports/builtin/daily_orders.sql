-- name: order_analytics.daily_orders
-- kind: by-time
-- group: daily
-- bucket: order_date by day
-- unique-key: order_date, warehouse_id
-- source: wms.orders.created_at
-- source: wms.order_lines.order_id -> wms.orders.order_id
-- description: Daily order intake for sales and operations (orders, lines, units, revenue, cancellations, average order value), one row per order day and warehouse.

-- order_analytics.daily_orders: one row per order day and warehouse. orders counts every
-- order placed that day, cancelled ones included; net_orders, order_lines, units, revenue and
-- avg_order_value count only the orders that are not cancelled; cancellation_rate is
-- cancelled_orders / orders, a fraction. Each order's lines are read by its key.
SELECT (o.created_at AT TIME ZONE bucket.zone)::date                      AS order_date,
       o.warehouse_id,
       count(*)::bigint                                                   AS orders,
       (count(*) FILTER (WHERE o.status = 'cancelled'))::bigint            AS cancelled_orders,
       (count(*) FILTER (WHERE o.status <> 'cancelled'))::bigint           AS net_orders,
       coalesce(sum(t.lines) FILTER (WHERE o.status <> 'cancelled'), 0)::bigint AS order_lines,
       coalesce(sum(t.units) FILTER (WHERE o.status <> 'cancelled'), 0)::bigint AS units,
       coalesce(sum(t.order_value) FILTER (WHERE o.status <> 'cancelled'), 0) AS revenue,
       round((count(*) FILTER (WHERE o.status = 'cancelled'))::numeric
             / NULLIF(count(*), 0), 4)                                    AS cancellation_rate,
       round(sum(t.order_value) FILTER (WHERE o.status <> 'cancelled')
             / NULLIF(count(*) FILTER (WHERE o.status <> 'cancelled'), 0), 2) AS avg_order_value
FROM wms.orders o
CROSS JOIN LATERAL (
    SELECT count(l.line_no)                              AS lines,
           coalesce(sum(l.quantity), 0)                  AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)   AS order_value
    FROM wms.order_lines l
    WHERE l.order_id = o.order_id) AS t
WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
GROUP BY 1, 2
