-- name: bi_reports.order_value_by_day
-- kind: by-time
-- group: daily
-- bucket: order_date by day
-- unique-key: order_date, warehouse_id
-- source: wms.orders.created_at
-- source: wms.order_lines.order_id -> wms.orders.order_id

SELECT (o.created_at AT TIME ZONE bucket.zone)::date AS order_date, o.warehouse_id,
       count(DISTINCT o.order_id) AS orders, count(l.line_no) AS lines,
       coalesce(sum(l.quantity * l.unit_price), 0) AS value
FROM wms.orders o
LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
WHERE o.created_at >= bucket.since AND o.created_at < bucket.until
GROUP BY 1, 2
