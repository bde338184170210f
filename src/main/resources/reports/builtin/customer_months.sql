-- name: customer_analytics.customer_months
-- kind: by-time
-- group: weekly, monthly
-- bucket: month_start by month
-- unique-key: month_start, customer_id
-- source: wms.orders.created_at
-- source: wms.order_lines.order_id -> wms.orders.order_id
-- description: Each customer's order totals per month of order, kept month by month: the ledger customer_summary and monthly_rfm add up.

-- customer_analytics.customer_months: one row per customer and month in which the customer
-- ordered. Only the months whose orders changed are computed again; customer_summary and
-- monthly_rfm sum a customer's months, which are far fewer rows than its orders and their
-- lines. On time means shipped_at <= promised_at, as in fulfillment_times. The first and last
-- uncancelled order times are NULL in a month whose orders were all cancelled. Each order's
-- lines are read by its key. It is in the monthly group too, so that monthly_rfm reads it as
-- fresh as it is.
SELECT date_trunc('month', o.created_at AT TIME ZONE bucket.zone)::date                 AS month_start,
       o.customer_id,
       min(o.created_at)                                                               AS first_order_at,
       max(o.created_at)                                                               AS last_order_at,
       count(*)::bigint                                                                AS orders,
       (count(*) FILTER (WHERE o.status = 'cancelled'))::bigint                        AS cancelled_orders,
       coalesce(sum(v.order_value) FILTER (WHERE o.status <> 'cancelled'), 0)          AS revenue,
       (count(*) FILTER (WHERE o.status IN ('shipped', 'delivered')
                         AND o.shipped_at IS NOT NULL))::bigint                        AS shipped_orders,
       (count(*) FILTER (WHERE o.status IN ('shipped', 'delivered')
                         AND o.shipped_at IS NOT NULL
                         AND o.shipped_at <= o.promised_at))::bigint                   AS on_time_orders,
       min(o.created_at) FILTER (WHERE o.status <> 'cancelled')                        AS first_uncancelled_at,
       max(o.created_at) FILTER (WHERE o.status <> 'cancelled')                        AS last_uncancelled_at
FROM wms.orders o
CROSS JOIN LATERAL (
    SELECT coalesce(sum(l.quantity * l.unit_price), 0) AS order_value
    FROM wms.order_lines l
    WHERE l.order_id = o.order_id) AS v
WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
GROUP BY 1, 2
