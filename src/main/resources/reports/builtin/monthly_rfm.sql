-- name: customer_analytics.monthly_rfm
-- kind: table
-- group: monthly
-- unique-key: customer_id
-- description: RFM (recency, frequency, monetary) quintile scores and segments for customer marketing, one row per customer who has ordered.

-- customer_analytics.monthly_rfm: one row per customer with at least one non-cancelled
-- order. Recency over all history; frequency and monetary over the last 365 days. Each
-- score is a quintile from ntile(5), 5 the best (most recent, most orders, most revenue);
-- ties are split by customer_id so that a refresh is deterministic. It adds up the ledger
-- customer_months rather than every order and line: recency from each customer's first and
-- last uncancelled order, kept customer by customer in customer_span,
-- frequency and monetary from the whole months after the one that 365 days ago falls in, and
-- from that month's own orders since that day, read by the index on their time.
-- It is a table rebuilt at every refresh (kind table), not a materialized view: its recency and
-- quintiles change for almost every customer every day, and REFRESH ... CONCURRENTLY would sort
-- every new row by its whole image and compare it with the old one before rewriting them all.
WITH per_customer AS (
    SELECT s.customer_id,
           s.first_uncancelled_at::date                                AS first_order_date,
           s.last_uncancelled_at::date                                 AS last_order_date
    FROM customer_analytics.customer_span s
), recent AS (
    SELECT m.customer_id,
           sum(m.orders - m.cancelled_orders)                          AS frequency,
           sum(m.revenue)                                              AS monetary
    FROM customer_analytics.customer_months m
    WHERE m.month_start > date_trunc('month', current_date - 365)::date
    GROUP BY m.customer_id
    UNION ALL
    SELECT o.customer_id,
           count(*)                                                    AS frequency,
           sum(v.order_value)                                          AS monetary
    FROM wms.orders o
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(l.quantity * l.unit_price), 0) AS order_value
        FROM wms.order_lines l
        WHERE l.order_id = o.order_id) AS v
    WHERE o.created_at >= current_date - 365
      AND o.created_at < date_trunc('month', current_date - 365) + interval '1 month'
      AND o.status <> 'cancelled'
    GROUP BY o.customer_id
), totals AS (
    SELECT pc.customer_id,
           pc.first_order_date,
           pc.last_order_date,
           coalesce(sum(r.frequency), 0)                               AS frequency,
           coalesce(sum(r.monetary), 0)                                AS monetary
    FROM per_customer pc
    LEFT JOIN recent r ON r.customer_id = pc.customer_id
    GROUP BY pc.customer_id, pc.first_order_date, pc.last_order_date
), scored AS (
    SELECT pc.*,
           current_date - pc.last_order_date                           AS recency_days,
           ntile(5) OVER (ORDER BY pc.last_order_date, pc.customer_id) AS r_score,
           ntile(5) OVER (ORDER BY pc.frequency, pc.customer_id)       AS f_score,
           ntile(5) OVER (ORDER BY pc.monetary, pc.customer_id)        AS m_score
    FROM totals pc
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
