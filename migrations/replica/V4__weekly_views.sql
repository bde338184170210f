-- Weekly reports, refreshed by the weekly job. They read only the wms mirror, so they do
-- not depend on the daily views. Conventions: see V3__daily_views.sql.

-- ---------------------------------------------------------------------------------------
-- order_analytics.weekly_trends: one row per ISO week (Monday, date_trunc('week')) and
-- warehouse, from the warehouse's first week with orders to the latest week with orders.
-- Weeks without orders are present with zeros, so lag() always compares with the
-- previous calendar week.
CREATE MATERIALIZED VIEW order_analytics.weekly_trends AS
WITH order_totals AS (
    SELECT o.order_id,
           o.warehouse_id,
           date_trunc('week', o.created_at)::date           AS week_start,
           o.status = 'cancelled'                           AS cancelled,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status
), weekly AS (
    SELECT week_start,
           warehouse_id,
           count(*)                                         AS orders,
           count(*) FILTER (WHERE cancelled)                AS cancelled_orders,
           sum(units) FILTER (WHERE NOT cancelled)          AS units,
           sum(order_value) FILTER (WHERE NOT cancelled)    AS revenue
    FROM order_totals
    GROUP BY week_start, warehouse_id
), weeks AS (
    SELECT s.warehouse_id, g.week::date AS week_start
    FROM (SELECT warehouse_id, min(week_start) AS first_week
          FROM weekly
          GROUP BY warehouse_id) s
    CROSS JOIN LATERAL generate_series(s.first_week::timestamp,
                                       (SELECT max(week_start) FROM weekly)::timestamp,
                                       interval '1 week') AS g(week)
), dense AS (
    SELECT w.week_start,
           w.warehouse_id,
           coalesce(k.orders, 0)            AS orders,
           coalesce(k.cancelled_orders, 0)  AS cancelled_orders,
           coalesce(k.units, 0)             AS units,
           coalesce(k.revenue, 0)           AS revenue
    FROM weeks w
    LEFT JOIN weekly k ON k.week_start = w.week_start AND k.warehouse_id = w.warehouse_id
)
SELECT week_start,
       warehouse_id,
       orders::bigint                                                     AS orders,
       cancelled_orders::bigint                                           AS cancelled_orders,
       units::bigint                                                      AS units,
       revenue,
       round(revenue / NULLIF(orders - cancelled_orders, 0), 2)           AS avg_order_value,
       round((orders - lag(orders) OVER w)::numeric
             / NULLIF(lag(orders) OVER w, 0), 4)                          AS orders_wow_growth,
       round((revenue - lag(revenue) OVER w)
             / NULLIF(lag(revenue) OVER w, 0), 4)                         AS revenue_wow_growth,
       week_start + 7 <= current_date                                     AS week_complete
FROM dense
WINDOW w AS (PARTITION BY warehouse_id ORDER BY week_start)
WITH NO DATA;

CREATE UNIQUE INDEX weekly_trends_key ON order_analytics.weekly_trends (week_start, warehouse_id);
COMMENT ON MATERIALIZED VIEW order_analytics.weekly_trends IS
    'Weekly order trend with week-over-week growth of orders and revenue for sales reviews, one row per ISO week and warehouse.';
COMMENT ON COLUMN order_analytics.weekly_trends.orders_wow_growth IS '(orders - previous week''s orders) / previous week''s orders, a fraction; NULL for the first week or after a week with none.';
COMMENT ON COLUMN order_analytics.weekly_trends.revenue_wow_growth IS '(revenue - previous week''s revenue) / previous week''s revenue, a fraction; NULL for the first week or after a week with none.';
COMMENT ON COLUMN order_analytics.weekly_trends.week_complete IS 'False for the current, still running week.';
ALTER MATERIALIZED VIEW order_analytics.weekly_trends OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- inventory_analytics.slow_movers: one row per warehouse and product with stock on hand
-- that has not been picked in that warehouse for 30 days or more (or never), or whose
-- stock would last more than 365 days at its 90-day pick rate.
CREATE MATERIALIZED VIEW inventory_analytics.slow_movers AS
WITH stock AS (
    SELECT l.warehouse_id,
           i.product_id,
           sum(i.qty_on_hand) AS qty_on_hand
    FROM wms.inventory i
    JOIN wms.locations l ON l.location_id = i.location_id
    GROUP BY l.warehouse_id, i.product_id
    HAVING sum(i.qty_on_hand) > 0
), picks AS (
    SELECT l.warehouse_id,
           m.product_id,
           max(m.moved_at)::date                                                AS last_pick_date,
           coalesce(-sum(m.quantity) FILTER (WHERE m.moved_at >= current_date - 90), 0) AS units_picked_90d
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    WHERE m.movement_type = 'pick'
    GROUP BY l.warehouse_id, m.product_id
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
WITH NO DATA;

CREATE UNIQUE INDEX slow_movers_key ON inventory_analytics.slow_movers (warehouse_id, product_id);
COMMENT ON MATERIALIZED VIEW inventory_analytics.slow_movers IS
    'Stock that is tying up capital because it is not picked (no pick in 30+ days, or more than a year of stock at the 90-day pick rate), for markdown and relocation decisions, one row per warehouse and product in stock.';
COMMENT ON COLUMN inventory_analytics.slow_movers.days_of_stock_90d IS 'Days the stock on hand lasts at the average daily picks of the last 90 days; NULL when nothing was picked in 90 days.';
COMMENT ON COLUMN inventory_analytics.slow_movers.reason IS 'never_picked, no_pick_30d (last pick 30 or more days ago) or low_velocity (more than 365 days of stock).';
ALTER MATERIALIZED VIEW inventory_analytics.slow_movers OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- warehouse_analytics.location_utilization: one row per location (bin).
CREATE MATERIALIZED VIEW warehouse_analytics.location_utilization AS
WITH stored AS (
    SELECT i.location_id,
           sum(i.qty_on_hand)                           AS units_stored,
           count(*) FILTER (WHERE i.qty_on_hand > 0)    AS products_stored
    FROM wms.inventory i
    GROUP BY i.location_id
)
SELECT l.location_id,
       l.warehouse_id,
       l.code                                                            AS location_code,
       l.zone,
       l.capacity_units,
       coalesce(s.units_stored, 0)::bigint                               AS units_stored,
       coalesce(s.products_stored, 0)::bigint                            AS products_stored,
       round(100.0 * coalesce(s.units_stored, 0) / NULLIF(l.capacity_units, 0), 1) AS utilization_pct,
       CASE WHEN coalesce(s.units_stored, 0) <= 0                   THEN 'empty'
            WHEN s.units_stored > l.capacity_units                  THEN 'over capacity'
            WHEN s.units_stored * 100 > l.capacity_units * 85::bigint THEN '>85%'
            WHEN s.units_stored * 100 >= l.capacity_units * 50::bigint THEN '50-85%'
            ELSE '<50%'
       END                                                               AS utilization_band
FROM wms.locations l
LEFT JOIN stored s ON s.location_id = l.location_id
WITH NO DATA;

CREATE UNIQUE INDEX location_utilization_key ON warehouse_analytics.location_utilization (location_id);
COMMENT ON MATERIALIZED VIEW warehouse_analytics.location_utilization IS
    'Bin fill level (units stored / capacity) and utilization band for slotting and space planning, one row per location.';
COMMENT ON COLUMN warehouse_analytics.location_utilization.utilization_band IS 'empty, <50%, 50-85% (50 to 85 inclusive), >85% (above 85 up to 100) or over capacity (above 100).';
ALTER MATERIALIZED VIEW warehouse_analytics.location_utilization OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- customer_analytics.customer_summary: one row per customer, customers without orders
-- included. On time means shipped_at <= promised_at, as in fulfillment_times.
CREATE MATERIALIZED VIEW customer_analytics.customer_summary AS
WITH order_totals AS (
    SELECT o.order_id,
           o.customer_id,
           o.created_at,
           o.status = 'cancelled'                                         AS cancelled,
           o.status IN ('shipped', 'delivered') AND o.shipped_at IS NOT NULL AS shipped,
           o.shipped_at <= o.promised_at                                  AS on_time,
           coalesce(sum(l.quantity * l.unit_price), 0)                    AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    GROUP BY o.order_id, o.customer_id, o.created_at, o.status, o.shipped_at, o.promised_at
), per_customer AS (
    SELECT customer_id,
           min(created_at)::date                                          AS first_order_date,
           max(created_at)::date                                          AS last_order_date,
           count(*)                                                       AS orders,
           count(*) FILTER (WHERE cancelled)                              AS cancelled_orders,
           count(*) FILTER (WHERE NOT cancelled)                          AS net_orders,
           coalesce(sum(order_value) FILTER (WHERE NOT cancelled), 0)     AS revenue,
           count(*) FILTER (WHERE shipped)                                AS shipped_orders,
           count(*) FILTER (WHERE shipped AND on_time)                    AS on_time_orders
    FROM order_totals
    GROUP BY customer_id
)
SELECT c.customer_id,
       c.name                                                            AS customer_name,
       c.segment,
       c.region,
       p.first_order_date,
       p.last_order_date,
       coalesce(p.orders, 0)::bigint                                     AS orders,
       coalesce(p.cancelled_orders, 0)::bigint                           AS cancelled_orders,
       coalesce(p.revenue, 0)                                            AS revenue,
       round(p.revenue / NULLIF(p.net_orders, 0), 2)                     AS avg_order_value,
       round(p.cancelled_orders::numeric / NULLIF(p.orders, 0), 4)       AS cancellation_rate,
       round(p.on_time_orders::numeric / NULLIF(p.shipped_orders, 0), 4) AS on_time_rate,
       current_date - p.last_order_date                                  AS days_since_last_order
FROM wms.customers c
LEFT JOIN per_customer p ON p.customer_id = c.customer_id
WITH NO DATA;

CREATE UNIQUE INDEX customer_summary_key ON customer_analytics.customer_summary (customer_id);
COMMENT ON MATERIALIZED VIEW customer_analytics.customer_summary IS
    'Lifetime customer profile for account management (order dates, orders, revenue, average order value, cancellation and on-time rates, days since last order), one row per customer.';
COMMENT ON COLUMN customer_analytics.customer_summary.on_time_rate IS 'Shipped orders with shipped_at <= promised_at / shipped orders; NULL when nothing was shipped.';
ALTER MATERIALIZED VIEW customer_analytics.customer_summary OWNER TO wms_analytics_user;

GRANT SELECT ON ALL TABLES IN SCHEMA order_analytics, inventory_analytics, warehouse_analytics, customer_analytics
    TO wms_bi_reader;
