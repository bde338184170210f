-- name: customer_analytics.customer_span
-- kind: by-key
-- group: monthly
-- key: customer_id
-- unique-key: customer_id
-- source: customer_analytics.customer_months.customer_id
-- description: Each customer's first and last uncancelled order, kept customer by customer from the ledger customer_months: the recency monthly_rfm scores.

-- customer_analytics.customer_span: one row per customer with at least one uncancelled order.
-- It reads only the first and last uncancelled order times of the customer's months, so a
-- refresh of customer_months passes on only the customers whose first or last order moved (a
-- new order, a cancellation), not those whose shipments changed; only those are recomputed,
-- each from its own months, read by the index on the customer. monthly_rfm reads this instead
-- of every month of every customer.
SELECT m.customer_id,
       min(m.first_uncancelled_at) AS first_uncancelled_at,
       max(m.last_uncancelled_at)  AS last_uncancelled_at
FROM customer_analytics.customer_months m
GROUP BY m.customer_id
HAVING max(m.last_uncancelled_at) IS NOT NULL
