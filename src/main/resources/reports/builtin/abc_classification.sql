-- name: inventory_analytics.abc_classification
-- kind: full
-- group: monthly
-- unique-key: product_id
-- description: ABC classification of products by their share of the last 365 days' revenue (A: the top 80 %, B: the next 15 %, C: the rest and products without sales) for slotting and stock policy, one row per product.

-- inventory_analytics.abc_classification: one row per product, over the revenue of
-- non-cancelled orders placed in the last 365 days. Products are ranked by revenue
-- (ties by product_id). A product is class A when the products ranked before it make less
-- than 80 % of revenue (so the product that crosses 80 % is still A), B when they make
-- less than 95 %, otherwise C; products without sales are C. It adds up the ledger
-- product_months rather than every order line: the whole months after the one that 365 days
-- ago falls in, and that month's own orders since that day, read by the index on their time,
-- each order's lines by its key (OFFSET 0 keeps the planner from scanning every line instead).
WITH sales AS (
    SELECT s.product_id,
           sum(s.units_sold)                    AS units_sold,
           sum(s.revenue)                       AS revenue
    FROM (
        SELECT m.product_id, m.units_sold, m.revenue
        FROM inventory_analytics.product_months m
        WHERE m.month_start > date_trunc('month', current_date - 365)::date
        UNION ALL
        SELECT l.product_id, l.quantity, l.quantity * l.unit_price
        FROM wms.orders o
        CROSS JOIN LATERAL (
            SELECT l.product_id, l.quantity, l.unit_price
            FROM wms.order_lines l
            WHERE l.order_id = o.order_id
            OFFSET 0) AS l
        WHERE o.status <> 'cancelled'
          AND o.created_at >= current_date - 365
          AND o.created_at < date_trunc('month', current_date - 365) + interval '1 month'
    ) s
    GROUP BY s.product_id
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
