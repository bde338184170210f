-- The query of inventory_analytics.monthly_turnover as V5 created it, reading the movements
-- directly: the report computed from its incremental ledger must equal it.
WITH movement_value AS (
    SELECT l.warehouse_id,
           p.category,
           date_trunc('month', m.moved_at)::date                                      AS month_start,
           sum(m.quantity * p.unit_cost)                                              AS net_value,
           coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)      AS units_picked,
           coalesce(-sum(m.quantity * p.unit_cost) FILTER (WHERE m.movement_type = 'pick'), 0) AS cogs
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    JOIN wms.products p ON p.product_id = m.product_id
    GROUP BY l.warehouse_id, p.category, date_trunc('month', m.moved_at)::date
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
