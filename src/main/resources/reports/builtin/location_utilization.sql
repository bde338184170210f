-- name: warehouse_analytics.location_utilization
-- kind: full
-- group: weekly
-- unique-key: location_id
-- description: Bin fill level (units stored / capacity) and utilization band for slotting and space planning, one row per location.

-- warehouse_analytics.location_utilization: one row per location (bin).
WITH stored AS (
    SELECT i.location_id,
           sum(i.qty_on_hand)                           AS units_stored,
           count(*) FILTER (WHERE i.qty_on_hand > 0)    AS products_stored
    FROM wms.inventory i
    GROUP BY i.location_id
)
SELECT l.location_id,
       l.warehouse_id,
       l.code                                                            AS location_code,
       l.zone,
       l.capacity_units,
       coalesce(s.units_stored, 0)::bigint                               AS units_stored,
       coalesce(s.products_stored, 0)::bigint                            AS products_stored,
       round(100.0 * coalesce(s.units_stored, 0) / NULLIF(l.capacity_units, 0), 1) AS utilization_pct,
       CASE WHEN coalesce(s.units_stored, 0) <= 0                   THEN 'empty'
            WHEN s.units_stored > l.capacity_units                  THEN 'over capacity'
            WHEN s.units_stored * 100 > l.capacity_units * 85::bigint THEN '>85%'
            WHEN s.units_stored * 100 >= l.capacity_units * 50::bigint THEN '50-85%'
            ELSE '<50%'
       END                                                               AS utilization_band
FROM wms.locations l
LEFT JOIN stored s ON s.location_id = l.location_id
