-- name: customer_analytics.customer_summary
-- kind: table
-- group: weekly
-- unique-key: customer_id
-- description: Lifetime customer profile for account management (order dates, orders, revenue, average order value, cancellation and on-time rates, days since last order), one row per customer.

-- customer_analytics.customer_summary: one row per customer, customers without orders
-- included. On time means shipped_at <= promised_at, as in fulfillment_times. The totals are
-- those of the customer's months in the ledger customer_months, kept month by month; this last
-- step adds them up and adds the days since the last order, which change every day.
-- It is a table rebuilt at every refresh (kind table), not a materialized view: the days since
-- the last order change for every customer every day, and REFRESH ... CONCURRENTLY would sort
-- every new row by its whole image and compare it with the old one before rewriting them all.
SELECT c.customer_id,
       c.name                                                            AS customer_name,
       c.segment,
       c.region,
       p.first_order_date,
       p.last_order_date,
       coalesce(p.orders, 0)::bigint                                     AS orders,
       coalesce(p.cancelled_orders, 0)::bigint                           AS cancelled_orders,
       coalesce(p.revenue, 0)                                            AS revenue,
       round(p.revenue / NULLIF(p.orders - p.cancelled_orders, 0), 2)    AS avg_order_value,
       round(p.cancelled_orders::numeric / NULLIF(p.orders, 0), 4)       AS cancellation_rate,
       round(p.on_time_orders::numeric / NULLIF(p.shipped_orders, 0), 4) AS on_time_rate,
       current_date - p.last_order_date                                  AS days_since_last_order
FROM wms.customers c
LEFT JOIN (
    SELECT m.customer_id,
           min(m.first_order_at)::date AS first_order_date,
           max(m.last_order_at)::date  AS last_order_date,
           sum(m.orders)               AS orders,
           sum(m.cancelled_orders)     AS cancelled_orders,
           sum(m.revenue)              AS revenue,
           sum(m.shipped_orders)       AS shipped_orders,
           sum(m.on_time_orders)       AS on_time_orders
    FROM customer_analytics.customer_months m
    GROUP BY m.customer_id
) p ON p.customer_id = c.customer_id
