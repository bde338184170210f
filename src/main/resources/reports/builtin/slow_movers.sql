-- name: inventory_analytics.slow_movers
-- kind: full
-- group: weekly
-- unique-key: warehouse_id, product_id
-- description: Stock that is tying up capital because it is not picked (no pick in 30+ days, or more than a year of stock at the 90-day pick rate), for markdown and relocation decisions, one row per warehouse and product in stock.

-- inventory_analytics.slow_movers: one row per warehouse and product with stock on hand
-- that has not been picked in that warehouse for 30 days or more (or never), or whose
-- stock would last more than 365 days at its 90-day pick rate. Its picks come from the ledger
-- pick_months rather than every movement: the last pick from each month's, the units of the
-- last 90 days from the whole months after the one that 90 days ago falls in, and from that
-- month's own picks since that day, read by the index on their time.
WITH stock AS (
    SELECT l.warehouse_id,
           i.product_id,
           sum(i.qty_on_hand) AS qty_on_hand
    FROM wms.inventory i
    JOIN wms.locations l ON l.location_id = i.location_id
    GROUP BY l.warehouse_id, i.product_id
    HAVING sum(i.qty_on_hand) > 0
), picks AS (
    SELECT p.warehouse_id,
           p.product_id,
           max(p.last_pick_at)::date                                           AS last_pick_date,
           coalesce(sum(p.units) FILTER (WHERE p.recent), 0)::bigint            AS units_picked_90d
    FROM (
        SELECT k.warehouse_id, k.product_id, k.last_pick_at, k.units_picked AS units,
               k.month_start > date_trunc('month', current_date - 90)::date     AS recent
        FROM inventory_analytics.pick_months k
        UNION ALL
        SELECT l.warehouse_id, m.product_id, m.moved_at, -m.quantity, true
        FROM wms.stock_movements m
        JOIN wms.locations l ON l.location_id = m.location_id
        WHERE m.movement_type = 'pick'
          AND m.moved_at >= current_date - 90
          AND m.moved_at < date_trunc('month', current_date - 90) + interval '1 month'
    ) p
    GROUP BY p.warehouse_id, p.product_id
), measured AS (
    SELECT s.warehouse_id,
           s.product_id,
           s.qty_on_hand,
           p.last_pick_date,
           current_date - p.last_pick_date                                     AS days_since_last_pick,
           coalesce(p.units_picked_90d, 0)                                     AS units_picked_90d,
           CASE WHEN p.units_picked_90d > 0
                THEN s.qty_on_hand * 90.0 / p.units_picked_90d
           END                                                                 AS days_of_stock
    FROM stock s
    LEFT JOIN picks p ON p.warehouse_id = s.warehouse_id AND p.product_id = s.product_id
)
SELECT m.warehouse_id,
       m.product_id,
       pr.sku,
       pr.category,
       m.qty_on_hand::bigint                                                   AS qty_on_hand,
       round(m.qty_on_hand * pr.unit_cost, 2)                                  AS stock_value,
       m.last_pick_date,
       m.days_since_last_pick,
       m.units_picked_90d::bigint                                              AS units_picked_90d,
       round(m.days_of_stock, 0)                                               AS days_of_stock_90d,
       CASE WHEN m.last_pick_date IS NULL   THEN 'never_picked'
            WHEN m.days_since_last_pick >= 30 THEN 'no_pick_30d'
            ELSE 'low_velocity'
       END                                                                     AS reason
FROM measured m
LEFT JOIN wms.products pr ON pr.product_id = m.product_id
WHERE m.last_pick_date IS NULL
   OR m.days_since_last_pick >= 30
   OR m.days_of_stock IS NULL
   OR m.days_of_stock > 365
