-- name: inventory_analytics.stock_levels
-- kind: full
-- group: daily
-- unique-key: warehouse_id, product_id
-- description: Current stock and days of cover (available units / average daily units picked over the last 28 full days) for replenishment, one row per warehouse and product.

-- inventory_analytics.stock_levels: one row per warehouse and product that has an
-- inventory row or was picked in the last 28 days.
-- Demand window: the 28 full days before today, [current_date - 28, current_date).
WITH stock AS (
    SELECT l.warehouse_id,
           i.product_id,
           sum(i.qty_on_hand)   AS qty_on_hand,
           sum(i.qty_reserved)  AS qty_reserved
    FROM wms.inventory i
    JOIN wms.locations l ON l.location_id = i.location_id
    GROUP BY l.warehouse_id, i.product_id
), demand AS (
    SELECT l.warehouse_id,
           m.product_id,
           -sum(m.quantity)     AS units_picked_28d
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    WHERE m.movement_type = 'pick'
      AND m.moved_at >= current_date - 28
      AND m.moved_at < current_date
    GROUP BY l.warehouse_id, m.product_id
), levels AS (
    SELECT coalesce(s.warehouse_id, d.warehouse_id)                      AS warehouse_id,
           coalesce(s.product_id, d.product_id)                          AS product_id,
           coalesce(s.qty_on_hand, 0)                                    AS qty_on_hand,
           coalesce(s.qty_reserved, 0)                                   AS qty_reserved,
           coalesce(s.qty_on_hand, 0) - coalesce(s.qty_reserved, 0)      AS qty_available,
           coalesce(d.units_picked_28d, 0)                               AS units_picked_28d,
           coalesce(d.units_picked_28d, 0) / 28.0                        AS avg_daily_demand
    FROM stock s
    FULL JOIN demand d ON d.warehouse_id = s.warehouse_id AND d.product_id = s.product_id
), covered AS (
    SELECT lv.*,
           CASE WHEN lv.avg_daily_demand > 0
                THEN greatest(lv.qty_available, 0) / lv.avg_daily_demand
           END                                                           AS cover
    FROM levels lv
)
SELECT c.warehouse_id,
       c.product_id,
       p.sku,
       p.category,
       c.qty_on_hand::bigint                                             AS qty_on_hand,
       c.qty_reserved::bigint                                            AS qty_reserved,
       c.qty_available::bigint                                           AS qty_available,
       round(c.qty_on_hand * p.unit_cost, 2)                             AS stock_value,
       c.units_picked_28d::bigint                                        AS units_picked_28d,
       round(c.avg_daily_demand, 2)                                      AS avg_daily_units_picked,
       round(c.cover, 1)                                                 AS days_of_cover,
       CASE WHEN c.qty_available <= 0 THEN 'out_of_stock'
            WHEN c.cover IS NULL      THEN 'no_demand'
            WHEN c.cover < 7          THEN 'low'
            WHEN c.cover > 90         THEN 'overstock'
            ELSE 'ok'
       END                                                               AS stock_status
FROM covered c
LEFT JOIN wms.products p ON p.product_id = c.product_id
