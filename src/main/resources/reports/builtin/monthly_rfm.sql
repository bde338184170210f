-- name: customer_analytics.monthly_rfm
-- kind: full
-- group: monthly
-- unique-key: customer_id
-- description: RFM (recency, frequency, monetary) quintile scores and segments for customer marketing, one row per customer who has ordered.

-- customer_analytics.monthly_rfm: one row per customer with at least one non-cancelled
-- order. Recency over all history; frequency and monetary over the last 365 days. Each
-- score is a quintile from ntile(5), 5 the best (most recent, most orders, most revenue);
-- ties are split by customer_id so that a refresh is deterministic.
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
