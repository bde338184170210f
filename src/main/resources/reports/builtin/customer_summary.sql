-- name: customer_analytics.customer_summary
-- kind: full
-- group: weekly
-- unique-key: customer_id
-- description: Lifetime customer profile for account management (order dates, orders, revenue, average order value, cancellation and on-time rates, days since last order), one row per customer.

-- customer_analytics.customer_summary: one row per customer, customers without orders
-- included. Its totals come from the ledger customer_totals, kept key by key; this last step
-- adds the days since the last order, which change every day for every customer, and so it
-- reads one row per customer, however long the history.
SELECT t.customer_id,
       t.customer_name,
       t.segment,
       t.region,
       t.first_order_date,
       t.last_order_date,
       t.orders,
       t.cancelled_orders,
       t.revenue,
       t.avg_order_value,
       t.cancellation_rate,
       t.on_time_rate,
       current_date - t.last_order_date                                  AS days_since_last_order
FROM customer_analytics.customer_totals t
