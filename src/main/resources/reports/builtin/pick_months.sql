-- name: inventory_analytics.pick_months
-- kind: by-time
-- group: weekly
-- bucket: month_start by month
-- unique-key: month_start, warehouse_id, product_id
-- source: wms.stock_movements.moved_at
-- description: Each product's picks per month and warehouse (units picked, last pick), kept month by month: the ledger slow_movers reads.

-- inventory_analytics.pick_months: one row per month, warehouse and product with a pick. Only
-- the months whose movements changed are computed again; slow_movers finds each product's last
-- pick and its units picked over 90 days from these rows rather than from every movement. A
-- change to wms.locations rebuilds it.
SELECT date_trunc('month', m.moved_at AT TIME ZONE bucket.zone)::date AS month_start,
       l.warehouse_id,
       m.product_id,
       max(m.moved_at)                                                 AS last_pick_at,
       (-sum(m.quantity))::bigint                                      AS units_picked
FROM wms.stock_movements m
JOIN wms.locations l ON l.location_id = m.location_id
WHERE m.movement_type = 'pick'
  AND m.moved_at >= bucket.since AND m.moved_at < bucket.until
GROUP BY 1, 2, 3
