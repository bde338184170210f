-- name: inventory_analytics.abc_classification
-- kind: full
-- group: monthly
-- unique-key: product_id
-- description: ABC classification of products by their share of the last 365 days' revenue (A: the top 80 %, B: the next 15 %, C: the rest and products without sales) for slotting and stock policy, one row per product.

-- inventory_analytics.abc_classification: one row per product, over the revenue of
-- non-cancelled orders placed in the last 365 days. Products are ranked by revenue
-- (ties by product_id). A product is class A when the products ranked before it make less
-- than 80 % of revenue (so the product that crosses 80 % is still A), B when they make
-- less than 95 %, otherwise C; products without sales are C.
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
