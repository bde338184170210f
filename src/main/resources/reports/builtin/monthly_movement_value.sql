-- name: inventory_analytics.monthly_movement_value
-- kind: by-time
-- group: monthly
-- bucket: month_start by month
-- unique-key: month_start, warehouse_id, category
-- source: wms.stock_movements.moved_at
-- description: Net value, units and cost of goods picked of the stock movements per month, warehouse and product category, at current unit cost: the ledger of monthly_turnover.

-- inventory_analytics.monthly_movement_value: the movement ledger of monthly_turnover, one row
-- per month with stock movements, warehouse and product category, valued at the product's
-- current unit_cost. A change to wms.locations or wms.products rebuilds it.
SELECT date_trunc('month', m.moved_at AT TIME ZONE bucket.zone)::date                AS month_start,
       l.warehouse_id,
       p.category,
       sum(m.quantity * p.unit_cost)                                                  AS net_value,
       coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)::bigint  AS units_picked,
       coalesce(-sum(m.quantity * p.unit_cost) FILTER (WHERE m.movement_type = 'pick'), 0) AS cogs
FROM wms.stock_movements m
JOIN wms.locations l ON l.location_id = m.location_id
JOIN wms.products p ON p.product_id = m.product_id
WHERE m.moved_at >= bucket.since AND m.moved_at < bucket.until
GROUP BY 1, 2, 3
