-- name: customer_analytics.customer_totals
-- kind: by-key
-- group: weekly
-- key: customer_id
-- unique-key: customer_id
-- source: wms.customers.customer_id
-- source: wms.orders.customer_id
-- source: wms.order_lines.order_id -> wms.orders.order_id
-- description: Lifetime order totals per customer, kept key by key: only the customers whose orders changed are recomputed. customer_summary adds the days since the last order.

-- customer_analytics.customer_totals: one row per customer, customers without orders
-- included: the ledger customer_summary is computed from. On time means
-- shipped_at <= promised_at, as in fulfillment_times. Each customer's orders are read through
-- the lateral subqueries by its key, so a recompute of a few customers reads just their orders.
SELECT c.customer_id,
       c.name                                                            AS customer_name,
       c.segment,
       c.region,
       p.first_order_date,
       p.last_order_date,
       p.orders,
       p.cancelled_orders,
       p.revenue,
       round(p.revenue / NULLIF(p.net_orders, 0), 2)                     AS avg_order_value,
       round(p.cancelled_orders::numeric / NULLIF(p.orders, 0), 4)       AS cancellation_rate,
       round(p.on_time_orders::numeric / NULLIF(p.shipped_orders, 0), 4) AS on_time_rate
FROM wms.customers c
CROSS JOIN LATERAL (
    SELECT min(t.created_at)::date                                        AS first_order_date,
           max(t.created_at)::date                                        AS last_order_date,
           count(*)::bigint                                               AS orders,
           (count(*) FILTER (WHERE t.cancelled))::bigint                  AS cancelled_orders,
           count(*) FILTER (WHERE NOT t.cancelled)                        AS net_orders,
           coalesce(sum(t.order_value) FILTER (WHERE NOT t.cancelled), 0) AS revenue,
           count(*) FILTER (WHERE t.shipped)                              AS shipped_orders,
           count(*) FILTER (WHERE t.shipped AND t.on_time)                AS on_time_orders
    FROM (SELECT o.created_at,
                 o.status = 'cancelled'                                         AS cancelled,
                 o.status IN ('shipped', 'delivered') AND o.shipped_at IS NOT NULL AS shipped,
                 o.shipped_at <= o.promised_at                                  AS on_time,
                 (SELECT coalesce(sum(l.quantity * l.unit_price), 0)
                  FROM wms.order_lines l WHERE l.order_id = o.order_id)        AS order_value
          FROM wms.orders o
          WHERE o.customer_id = c.customer_id) AS t
) AS p
