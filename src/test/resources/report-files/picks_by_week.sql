-- name: bi_reports.picks_by_week
-- kind: by-time
-- bucket: week_start by week
-- unique-key: week_start, warehouse_id
-- source: wms.stock_movements.moved_at

SELECT date_trunc('week', m.moved_at AT TIME ZONE bucket.zone)::date AS week_start, l.warehouse_id,
       sum(-m.quantity) AS units
FROM wms.stock_movements m JOIN wms.locations l ON l.location_id = m.location_id
WHERE m.movement_type = 'pick' AND m.moved_at >= bucket.since AND m.moved_at < bucket.until
GROUP BY 1, 2
