-- name: inventory_analytics.monthly_turnover
-- kind: full
-- group: monthly
-- unique-key: month_start, warehouse_id, category
-- description: Monthly inventory turnover (cost of goods picked / average inventory value) and days of inventory for working-capital reviews, one row per complete month, warehouse and product category.

-- inventory_analytics.monthly_turnover: one row per complete calendar month, warehouse and
-- product category, from the first month with stock movements to the last complete month.
-- The WMS keeps no inventory snapshots, so the month-end inventory is reconstructed from
-- the current inventory by undoing the movements made since then (inventory always equals
-- the sum of its movements): closing(M) = current value - net movement value after M, and
-- opening(M) = closing(M) - net movement value in M. Anchoring on the current inventory
-- keeps the estimate right even when old movements have been purged. All values are at
-- the product's current unit_cost (there is no cost history). The movements come from the
-- incremental ledger inventory_analytics.monthly_movement_value.
WITH movement_value AS (
    SELECT month_start, warehouse_id, category, net_value, units_picked, cogs
    FROM inventory_analytics.monthly_movement_value
), current_value AS (
    SELECT l.warehouse_id,
           p.category,
           sum(i.qty_on_hand * p.unit_cost)                                           AS stock_value
    FROM wms.inventory i
    JOIN wms.locations l ON l.location_id = i.location_id
    JOIN wms.products p ON p.product_id = i.product_id
    GROUP BY l.warehouse_id, p.category
), months AS (
    SELECT s.warehouse_id, s.category, g.month::date AS month_start
    FROM (SELECT warehouse_id, category, min(month_start) AS first_month
          FROM movement_value
          GROUP BY warehouse_id, category) s
    CROSS JOIN LATERAL generate_series(
        s.first_month::timestamp,
        greatest(date_trunc('month', current_date::timestamp),
                 (SELECT max(month_start) FROM movement_value)::timestamp),
        interval '1 month') AS g(month)
), ledger AS (
    SELECT mo.month_start,
           mo.warehouse_id,
           mo.category,
           coalesce(v.units_picked, 0)                                                AS units_picked,
           coalesce(v.cogs, 0)                                                        AS cogs,
           coalesce(v.net_value, 0)                                                   AS net_value,
           coalesce(cv.stock_value, 0)
             - coalesce(sum(coalesce(v.net_value, 0)) OVER (
                   PARTITION BY mo.warehouse_id, mo.category
                   ORDER BY mo.month_start DESC
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)              AS closing_value
    FROM months mo
    LEFT JOIN movement_value v
           ON v.warehouse_id = mo.warehouse_id AND v.category = mo.category
          AND v.month_start = mo.month_start
    LEFT JOIN current_value cv
           ON cv.warehouse_id = mo.warehouse_id AND cv.category = mo.category
), valued AS (
    SELECT lg.*,
           lg.closing_value - lg.net_value                                            AS opening_value,
           (2 * lg.closing_value - lg.net_value) / 2                                  AS avg_value,
           (lg.month_start + interval '1 month')::date - lg.month_start               AS days_in_month
    FROM ledger lg
)
SELECT month_start,
       warehouse_id,
       category,
       units_picked::bigint                                                           AS units_picked,
       round(cogs, 2)                                                                 AS cogs,
       round(opening_value, 2)                                                        AS opening_inventory_value,
       round(closing_value, 2)                                                        AS closing_inventory_value,
       round(avg_value, 2)                                                            AS avg_inventory_value,
       round(cogs / NULLIF(avg_value, 0), 2)                                          AS inventory_turnover,
       days_in_month,
       round(avg_value / NULLIF(cogs, 0) * days_in_month, 1)                          AS days_of_inventory
FROM valued
WHERE month_start < date_trunc('month', current_date::timestamp)::date
