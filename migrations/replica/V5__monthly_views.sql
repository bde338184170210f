-- Monthly reports, refreshed by the monthly job (on the 1st). They read only the wms
-- mirror. Conventions: see V3__daily_views.sql.

-- ---------------------------------------------------------------------------------------
-- inventory_analytics.monthly_turnover: one row per complete calendar month, warehouse and
-- product category, from the first month with stock movements to the last complete month.
--
-- The WMS keeps no inventory snapshots, so the month-end inventory is reconstructed from
-- the current inventory by undoing the movements made since then (inventory always equals
-- the sum of its movements): closing(M) = current value - net movement value after M, and
-- opening(M) = closing(M) - net movement value in M. Anchoring on the current inventory
-- keeps the estimate right even when old movements have been purged. All values are at
-- the product's current unit_cost (there is no cost history).
CREATE MATERIALIZED VIEW inventory_analytics.monthly_turnover AS
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
WITH NO DATA;

CREATE UNIQUE INDEX monthly_turnover_key ON inventory_analytics.monthly_turnover (month_start, warehouse_id, category);
COMMENT ON MATERIALIZED VIEW inventory_analytics.monthly_turnover IS
    'Monthly inventory turnover (cost of goods picked / average inventory value) and days of inventory for working-capital reviews, one row per complete month, warehouse and product category.';
COMMENT ON COLUMN inventory_analytics.monthly_turnover.cogs IS 'Units picked in the month times the product''s unit_cost.';
COMMENT ON COLUMN inventory_analytics.monthly_turnover.avg_inventory_value IS '(opening + closing inventory value) / 2, reconstructed from the current inventory and the movements since.';
COMMENT ON COLUMN inventory_analytics.monthly_turnover.inventory_turnover IS 'cogs / avg_inventory_value for the month (not annualised).';
COMMENT ON COLUMN inventory_analytics.monthly_turnover.days_of_inventory IS 'avg_inventory_value / cogs * days_in_month; NULL when nothing was picked.';
ALTER MATERIALIZED VIEW inventory_analytics.monthly_turnover OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- inventory_analytics.abc_classification: one row per product, over the revenue of
-- non-cancelled orders placed in the last 365 days. Products are ranked by revenue
-- (ties by product_id). A product is class A when the products ranked before it make less
-- than 80 % of revenue (so the product that crosses 80 % is still A), B when they make
-- less than 95 %, otherwise C; products without sales are C.
CREATE MATERIALIZED VIEW inventory_analytics.abc_classification AS
WITH sales AS (
    SELECT l.product_id,
           sum(l.quantity)                      AS units_sold,
           sum(l.quantity * l.unit_price)       AS revenue
    FROM wms.order_lines l
    JOIN wms.orders o ON o.order_id = l.order_id
    WHERE o.status <> 'cancelled'
      AND o.created_at >= current_date - 365
    GROUP BY l.product_id
), ranked AS (
    SELECT p.product_id,
           p.sku,
           p.category,
           coalesce(s.units_sold, 0)                                   AS units_sold,
           coalesce(s.revenue, 0)                                      AS revenue,
           sum(coalesce(s.revenue, 0)) OVER ()                         AS total_revenue,
           sum(coalesce(s.revenue, 0)) OVER (
               ORDER BY coalesce(s.revenue, 0) DESC, p.product_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)        AS cumulative_revenue
    FROM wms.products p
    LEFT JOIN sales s ON s.product_id = p.product_id
)
SELECT product_id,
       sku,
       category,
       units_sold::bigint                                              AS units_sold,
       revenue,
       round(revenue / NULLIF(total_revenue, 0), 4)                    AS revenue_share,
       round(cumulative_revenue / NULLIF(total_revenue, 0), 4)         AS cumulative_share,
       CASE WHEN revenue <= 0                                        THEN 'C'
            WHEN cumulative_revenue - revenue < 0.80 * total_revenue THEN 'A'
            WHEN cumulative_revenue - revenue < 0.95 * total_revenue THEN 'B'
            ELSE 'C'
       END                                                             AS abc_class,
       rank() OVER (ORDER BY revenue DESC)                             AS revenue_rank
FROM ranked
WITH NO DATA;

CREATE UNIQUE INDEX abc_classification_key ON inventory_analytics.abc_classification (product_id);
COMMENT ON MATERIALIZED VIEW inventory_analytics.abc_classification IS
    'ABC classification of products by their share of the last 365 days'' revenue (A: the top 80 %, B: the next 15 %, C: the rest and products without sales) for slotting and stock policy, one row per product.';
COMMENT ON COLUMN inventory_analytics.abc_classification.cumulative_share IS 'Share of revenue of this product and all products ranked before it.';
ALTER MATERIALIZED VIEW inventory_analytics.abc_classification OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- customer_analytics.monthly_rfm: one row per customer with at least one non-cancelled
-- order. Recency over all history; frequency and monetary over the last 365 days. Each
-- score is a quintile from ntile(5), 5 the best (most recent, most orders, most revenue);
-- ties are split by customer_id so that a refresh is deterministic.
CREATE MATERIALIZED VIEW customer_analytics.monthly_rfm AS
WITH order_totals AS (
    SELECT o.order_id,
           o.customer_id,
           o.created_at,
           coalesce(sum(l.quantity * l.unit_price), 0)                 AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    WHERE o.status <> 'cancelled'
    GROUP BY o.order_id, o.customer_id, o.created_at
), per_customer AS (
    SELECT customer_id,
           min(created_at)::date                                       AS first_order_date,
           max(created_at)::date                                       AS last_order_date,
           count(*) FILTER (WHERE created_at >= current_date - 365)    AS frequency,
           coalesce(sum(order_value) FILTER (WHERE created_at >= current_date - 365), 0) AS monetary
    FROM order_totals
    GROUP BY customer_id
), scored AS (
    SELECT pc.*,
           current_date - pc.last_order_date                           AS recency_days,
           ntile(5) OVER (ORDER BY pc.last_order_date, pc.customer_id) AS r_score,
           ntile(5) OVER (ORDER BY pc.frequency, pc.customer_id)       AS f_score,
           ntile(5) OVER (ORDER BY pc.monetary, pc.customer_id)        AS m_score
    FROM per_customer pc
)
SELECT customer_id,
       first_order_date,
       last_order_date,
       recency_days,
       frequency::bigint                                               AS frequency,
       monetary,
       r_score,
       f_score,
       m_score,
       r_score::text || f_score::text || m_score::text                 AS rfm_score,
       CASE WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4 THEN 'champions'
            WHEN first_order_date >= current_date - 90          THEN 'new'
            WHEN r_score >= 3 AND f_score >= 4                  THEN 'loyal'
            WHEN r_score <= 2 AND f_score >= 3                  THEN 'at_risk'
            WHEN r_score <= 2                                   THEN 'hibernating'
            ELSE 'others'
       END                                                             AS rfm_segment
FROM scored
WITH NO DATA;

CREATE UNIQUE INDEX monthly_rfm_key ON customer_analytics.monthly_rfm (customer_id);
COMMENT ON MATERIALIZED VIEW customer_analytics.monthly_rfm IS
    'RFM (recency, frequency, monetary) quintile scores and segments for customer marketing, one row per customer who has ordered.';
COMMENT ON COLUMN customer_analytics.monthly_rfm.rfm_segment IS 'champions (R, F and M >= 4), new (first order in the last 90 days), loyal (R >= 3, F >= 4), at_risk (R <= 2, F >= 3), hibernating (R <= 2, F <= 2), others.';
ALTER MATERIALIZED VIEW customer_analytics.monthly_rfm OWNER TO wms_analytics_user;

GRANT SELECT ON ALL TABLES IN SCHEMA inventory_analytics, customer_analytics TO wms_bi_reader;
