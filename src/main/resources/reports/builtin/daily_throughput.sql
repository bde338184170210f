-- name: warehouse_analytics.daily_throughput
-- kind: by-time
-- group: daily
-- bucket: activity_date by day
-- unique-key: activity_date, warehouse_id
-- source: wms.stock_movements.moved_at
-- source: wms.shipments.shipped_at
-- description: Daily warehouse workload for labour and dock planning (units received, picked, returned, net adjustments, transferred in, movements, shipments), one row per day and warehouse.

-- warehouse_analytics.daily_throughput: one row per day and warehouse with stock movements or
-- shipments. units_adjusted is the net quantity of adjustments (positive: found, negative:
-- written off); units_transferred counts the units moved into this warehouse's bins, the
-- inbound leg, so that a transfer counts once. A movement's warehouse is its location's: a
-- change to wms.locations rebuilds the report.
WITH movements AS (
    SELECT (m.moved_at AT TIME ZONE bucket.zone)::date                                AS activity_date,
           l.warehouse_id,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'receipt'), 0)    AS units_received,
           coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)      AS units_picked,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'return'), 0)     AS units_returned,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'adjustment'), 0) AS units_adjusted,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'transfer'
                                              AND m.quantity > 0), 0)                AS units_transferred,
           count(*)                                                                  AS movements
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    WHERE m.moved_at >= bucket.since AND m.moved_at < bucket.until
    GROUP BY 1, 2
), shipped AS (
    SELECT (s.shipped_at AT TIME ZONE bucket.zone)::date AS activity_date,
           s.warehouse_id,
           count(*)                                      AS shipments,
           sum(s.weight_kg)                              AS shipped_weight_kg
    FROM wms.shipments s
    WHERE s.shipped_at >= bucket.since AND s.shipped_at < bucket.until
    GROUP BY 1, 2
)
SELECT coalesce(m.activity_date, s.activity_date)          AS activity_date,
       coalesce(m.warehouse_id, s.warehouse_id)            AS warehouse_id,
       coalesce(m.units_received, 0)::bigint               AS units_received,
       coalesce(m.units_picked, 0)::bigint                 AS units_picked,
       coalesce(m.units_returned, 0)::bigint               AS units_returned,
       coalesce(m.units_adjusted, 0)::bigint               AS units_adjusted,
       coalesce(m.units_transferred, 0)::bigint            AS units_transferred,
       coalesce(m.movements, 0)::bigint                    AS movements,
       coalesce(s.shipments, 0)::bigint                    AS shipments,
       coalesce(s.shipped_weight_kg, 0)                    AS shipped_weight_kg
FROM movements m
FULL JOIN shipped s ON s.activity_date = m.activity_date AND s.warehouse_id = m.warehouse_id
