-- name: customer_analytics.customer_summary
-- kind: full
-- group: weekly
-- unique-key: customer_id
-- description: Lifetime customer profile for account management (order dates, orders, revenue, average order value, cancellation and on-time rates, days since last order), one row per customer.

-- customer_analytics.customer_summary: one row per customer, customers without orders
-- included. On time means shipped_at <= promised_at, as in fulfillment_times.
WITH order_totals AS (
    SELECT o.order_id,
           o.customer_id,
           o.created_at,
           o.status = 'cancelled'                                         AS cancelled,
           o.status IN ('shipped', 'delivered') AND o.shipped_at IS NOT NULL AS shipped,
           o.shipped_at <= o.promised_at                                  AS on_time,
           coalesce(sum(l.quantity * l.unit_price), 0)                    AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    GROUP BY o.order_id, o.customer_id, o.created_at, o.status, o.shipped_at, o.promised_at
), per_customer AS (
    SELECT customer_id,
           min(created_at)::date                                          AS first_order_date,
           max(created_at)::date                                          AS last_order_date,
           count(*)                                                       AS orders,
           count(*) FILTER (WHERE cancelled)                              AS cancelled_orders,
           count(*) FILTER (WHERE NOT cancelled)                          AS net_orders,
           coalesce(sum(order_value) FILTER (WHERE NOT cancelled), 0)     AS revenue,
           count(*) FILTER (WHERE shipped)                                AS shipped_orders,
           count(*) FILTER (WHERE shipped AND on_time)                    AS on_time_orders
    FROM order_totals
    GROUP BY customer_id
)
SELECT c.customer_id,
       c.name                                                            AS customer_name,
       c.segment,
       c.region,
       p.first_order_date,
       p.last_order_date,
       coalesce(p.orders, 0)::bigint                                     AS orders,
       coalesce(p.cancelled_orders, 0)::bigint                           AS cancelled_orders,
       coalesce(p.revenue, 0)                                            AS revenue,
       round(p.revenue / NULLIF(p.net_orders, 0), 2)                     AS avg_order_value,
       round(p.cancelled_orders::numeric / NULLIF(p.orders, 0), 4)       AS cancellation_rate,
       round(p.on_time_orders::numeric / NULLIF(p.shipped_orders, 0), 4) AS on_time_rate,
       current_date - p.last_order_date                                  AS days_since_last_order
FROM wms.customers c
LEFT JOIN per_customer p ON p.customer_id = c.customer_id
