-- name: inventory_analytics.product_months
-- kind: by-time
-- group: monthly
-- bucket: month_start by month
-- unique-key: month_start, product_id
-- source: wms.orders.created_at
-- source: wms.order_lines.order_id -> wms.orders.order_id
-- description: Units and revenue of each product's non-cancelled order lines per month of order, kept month by month: the ledger abc_classification adds up.

-- inventory_analytics.product_months: one row per month of order and product with a line of a
-- non-cancelled order. Only the months whose orders or lines changed are computed again;
-- abc_classification adds up the months of the last 365 days, which are far fewer rows than
-- their order lines.
SELECT date_trunc('month', o.created_at AT TIME ZONE bucket.zone)::date AS month_start,
       l.product_id,
       sum(l.quantity)::bigint                                         AS units_sold,
       sum(l.quantity * l.unit_price)                                  AS revenue
FROM wms.orders o
JOIN wms.order_lines l ON l.order_id = o.order_id
WHERE o.status <> 'cancelled'
  AND o.created_at >= bucket.since AND o.created_at < bucket.until
GROUP BY 1, 2
