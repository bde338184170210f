-- name: bi_reports.customer_value
-- kind: by-key
-- group: daily
-- key: customer_id
-- unique-key: customer_id
-- source: wms.customers.customer_id
-- source: wms.orders.customer_id
-- source: wms.order_lines.order_id -> wms.orders.order_id

SELECT c.customer_id, c.region, count(DISTINCT o.order_id) AS orders,
       coalesce(sum(l.quantity * l.unit_price), 0) AS value, max(o.created_at) AS last_order_at
FROM wms.customers c
LEFT JOIN wms.orders o ON o.customer_id = c.customer_id
LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
GROUP BY c.customer_id, c.region
