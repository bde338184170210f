-- Daily reports. The daily refresh job refreshes them in dependency order:
-- analytics.daily_kpis reads the three views before it and must refresh after them.
--
-- Conventions shared by every analytics materialized view (V3 to V5):
--   * Created WITH NO DATA; the refresher populates them on its first run.
--   * A UNIQUE index on the natural key (plain columns, no predicate), so that
--     REFRESH MATERIALIZED VIEW CONCURRENTLY is possible once populated.
--   * Owned by wms_analytics_user, because REFRESH requires ownership before PostgreSQL 17.
--   * Every name is schema-qualified: PostgreSQL 17 runs REFRESH with
--     search_path = pg_catalog, pg_temp.
--   * Calendar days, weeks and months, and current_date, follow the TimeZone of the
--     session that refreshes. The refresher sets it to the reporting time zone.
--   * "Revenue" is sum(quantity * unit_price) over the lines of non-cancelled orders.
--   * Rates are fractions between 0 and 1 (0.25 = 25 %), rounded to 4 decimals.
--   * Picks are stock movements with a negative quantity, so units picked = -sum(quantity).

-- ---------------------------------------------------------------------------------------
-- order_analytics.daily_orders: one row per order day (created_at) and warehouse.
CREATE MATERIALIZED VIEW order_analytics.daily_orders AS
WITH order_totals AS (
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date                               AS order_date,
           o.status = 'cancelled'                           AS cancelled,
           count(l.line_no)                                 AS lines,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status
)
SELECT order_date,
       warehouse_id,
       count(*)::bigint                                                   AS orders,
       (count(*) FILTER (WHERE cancelled))::bigint                         AS cancelled_orders,
       (count(*) FILTER (WHERE NOT cancelled))::bigint                     AS net_orders,
       coalesce(sum(lines) FILTER (WHERE NOT cancelled), 0)::bigint        AS order_lines,
       coalesce(sum(units) FILTER (WHERE NOT cancelled), 0)::bigint        AS units,
       coalesce(sum(order_value) FILTER (WHERE NOT cancelled), 0)          AS revenue,
       round((count(*) FILTER (WHERE cancelled))::numeric
             / NULLIF(count(*), 0), 4)                                     AS cancellation_rate,
       round(sum(order_value) FILTER (WHERE NOT cancelled)
             / NULLIF(count(*) FILTER (WHERE NOT cancelled), 0), 2)        AS avg_order_value
FROM order_totals
GROUP BY order_date, warehouse_id
WITH NO DATA;

CREATE UNIQUE INDEX daily_orders_key ON order_analytics.daily_orders (order_date, warehouse_id);
COMMENT ON MATERIALIZED VIEW order_analytics.daily_orders IS
    'Daily order intake for sales and operations (orders, lines, units, revenue, cancellations, average order value), one row per order day and warehouse.';
COMMENT ON COLUMN order_analytics.daily_orders.orders IS 'Orders placed that day, cancelled ones included.';
COMMENT ON COLUMN order_analytics.daily_orders.net_orders IS 'Orders placed that day that are not cancelled; order_lines, units, revenue and avg_order_value count only these.';
COMMENT ON COLUMN order_analytics.daily_orders.cancellation_rate IS 'cancelled_orders / orders, a fraction.';
ALTER MATERIALIZED VIEW order_analytics.daily_orders OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- order_analytics.fulfillment_times: one row per ship day and warehouse, over the orders
-- shipped that day (status shipped or delivered).
CREATE MATERIALIZED VIEW order_analytics.fulfillment_times AS
WITH shipped AS (
    SELECT o.warehouse_id,
           o.shipped_at::date                                             AS ship_date,
           (extract(epoch FROM o.shipped_at - o.created_at) / 3600)::double precision AS hours,
           o.shipped_at <= o.promised_at                                  AS on_time
    FROM wms.orders o
    WHERE o.shipped_at IS NOT NULL
      AND o.status IN ('shipped', 'delivered')
)
SELECT ship_date,
       warehouse_id,
       count(*)::bigint                                                   AS shipped_orders,
       (count(*) FILTER (WHERE on_time))::bigint                           AS on_time_orders,
       (count(*) FILTER (WHERE NOT on_time))::bigint                       AS late_orders,
       round((count(*) FILTER (WHERE on_time))::numeric / NULLIF(count(*), 0), 4) AS on_time_rate,
       round(avg(hours)::numeric, 2)                                      AS avg_hours,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::numeric, 2) AS p50_hours,
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY hours))::numeric, 2) AS p90_hours,
       round(max(hours)::numeric, 2)                                      AS max_hours
FROM shipped
GROUP BY ship_date, warehouse_id
WITH NO DATA;

CREATE UNIQUE INDEX fulfillment_times_key ON order_analytics.fulfillment_times (ship_date, warehouse_id);
COMMENT ON MATERIALIZED VIEW order_analytics.fulfillment_times IS
    'Order-to-shipment lead times (p50/p90 hours from created_at to shipped_at) and on-time shipping (shipped_at <= promised_at) for service-level tracking, one row per ship day and warehouse.';
ALTER MATERIALIZED VIEW order_analytics.fulfillment_times OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- warehouse_analytics.daily_throughput: one row per day and warehouse with any stock
-- movement or shipment. A movement belongs to the warehouse of its location.
CREATE MATERIALIZED VIEW warehouse_analytics.daily_throughput AS
WITH movements AS (
    SELECT m.moved_at::date                                                         AS activity_date,
           l.warehouse_id,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'receipt'), 0)    AS units_received,
           coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)      AS units_picked,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'return'), 0)     AS units_returned,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'adjustment'), 0) AS units_adjusted,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'transfer'
                                              AND m.quantity > 0), 0)                AS units_transferred,
           count(*)                                                                  AS movements
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    GROUP BY m.moved_at::date, l.warehouse_id
), shipped AS (
    SELECT s.shipped_at::date      AS activity_date,
           s.warehouse_id,
           count(*)                AS shipments,
           sum(s.weight_kg)        AS shipped_weight_kg
    FROM wms.shipments s
    GROUP BY s.shipped_at::date, s.warehouse_id
)
SELECT coalesce(m.activity_date, s.activity_date)          AS activity_date,
       coalesce(m.warehouse_id, s.warehouse_id)            AS warehouse_id,
       coalesce(m.units_received, 0)::bigint               AS units_received,
       coalesce(m.units_picked, 0)::bigint                 AS units_picked,
       coalesce(m.units_returned, 0)::bigint               AS units_returned,
       coalesce(m.units_adjusted, 0)::bigint               AS units_adjusted,
       coalesce(m.units_transferred, 0)::bigint            AS units_transferred,
       coalesce(m.movements, 0)::bigint                    AS movements,
       coalesce(s.shipments, 0)::bigint                    AS shipments,
       coalesce(s.shipped_weight_kg, 0)                    AS shipped_weight_kg
FROM movements m
FULL JOIN shipped s ON s.activity_date = m.activity_date AND s.warehouse_id = m.warehouse_id
WITH NO DATA;

CREATE UNIQUE INDEX daily_throughput_key ON warehouse_analytics.daily_throughput (activity_date, warehouse_id);
COMMENT ON MATERIALIZED VIEW warehouse_analytics.daily_throughput IS
    'Daily warehouse workload for labour and dock planning (units received, picked, returned, net adjustments, transferred in, movements, shipments), one row per day and warehouse.';
COMMENT ON COLUMN warehouse_analytics.daily_throughput.units_adjusted IS 'Net quantity of adjustments (positive: found, negative: written off).';
COMMENT ON COLUMN warehouse_analytics.daily_throughput.units_transferred IS 'Units moved into this warehouse''s bins by transfers (the inbound leg, so a transfer counts once).';
ALTER MATERIALIZED VIEW warehouse_analytics.daily_throughput OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- inventory_analytics.stock_levels: one row per warehouse and product that has an
-- inventory row or was picked in the last 28 days.
-- Demand window: the 28 full days before today, [current_date - 28, current_date).
CREATE MATERIALIZED VIEW inventory_analytics.stock_levels AS
WITH stock AS (
    SELECT l.warehouse_id,
           i.product_id,
           sum(i.qty_on_hand)   AS qty_on_hand,
           sum(i.qty_reserved)  AS qty_reserved
    FROM wms.inventory i
    JOIN wms.locations l ON l.location_id = i.location_id
    GROUP BY l.warehouse_id, i.product_id
), demand AS (
    SELECT l.warehouse_id,
           m.product_id,
           -sum(m.quantity)     AS units_picked_28d
    FROM wms.stock_movements m
    JOIN wms.locations l ON l.location_id = m.location_id
    WHERE m.movement_type = 'pick'
      AND m.moved_at >= current_date - 28
      AND m.moved_at < current_date
    GROUP BY l.warehouse_id, m.product_id
), levels AS (
    SELECT coalesce(s.warehouse_id, d.warehouse_id)                      AS warehouse_id,
           coalesce(s.product_id, d.product_id)                          AS product_id,
           coalesce(s.qty_on_hand, 0)                                    AS qty_on_hand,
           coalesce(s.qty_reserved, 0)                                   AS qty_reserved,
           coalesce(s.qty_on_hand, 0) - coalesce(s.qty_reserved, 0)      AS qty_available,
           coalesce(d.units_picked_28d, 0)                               AS units_picked_28d,
           coalesce(d.units_picked_28d, 0) / 28.0                        AS avg_daily_demand
    FROM stock s
    FULL JOIN demand d ON d.warehouse_id = s.warehouse_id AND d.product_id = s.product_id
), covered AS (
    SELECT lv.*,
           CASE WHEN lv.avg_daily_demand > 0
                THEN greatest(lv.qty_available, 0) / lv.avg_daily_demand
           END                                                           AS cover
    FROM levels lv
)
SELECT c.warehouse_id,
       c.product_id,
       p.sku,
       p.category,
       c.qty_on_hand::bigint                                             AS qty_on_hand,
       c.qty_reserved::bigint                                            AS qty_reserved,
       c.qty_available::bigint                                           AS qty_available,
       round(c.qty_on_hand * p.unit_cost, 2)                             AS stock_value,
       c.units_picked_28d::bigint                                        AS units_picked_28d,
       round(c.avg_daily_demand, 2)                                      AS avg_daily_units_picked,
       round(c.cover, 1)                                                 AS days_of_cover,
       CASE WHEN c.qty_available <= 0 THEN 'out_of_stock'
            WHEN c.cover IS NULL      THEN 'no_demand'
            WHEN c.cover < 7          THEN 'low'
            WHEN c.cover > 90         THEN 'overstock'
            ELSE 'ok'
       END                                                               AS stock_status
FROM covered c
LEFT JOIN wms.products p ON p.product_id = c.product_id
WITH NO DATA;

CREATE UNIQUE INDEX stock_levels_key ON inventory_analytics.stock_levels (warehouse_id, product_id);
COMMENT ON MATERIALIZED VIEW inventory_analytics.stock_levels IS
    'Current stock and days of cover (available units / average daily units picked over the last 28 full days) for replenishment, one row per warehouse and product.';
COMMENT ON COLUMN inventory_analytics.stock_levels.days_of_cover IS 'Available units divided by average daily units picked; NULL when there was no demand in the window.';
COMMENT ON COLUMN inventory_analytics.stock_levels.stock_status IS 'out_of_stock (nothing available), no_demand, low (< 7 days of cover), overstock (> 90 days), else ok.';
ALTER MATERIALIZED VIEW inventory_analytics.stock_levels OWNER TO wms_analytics_user;

-- ---------------------------------------------------------------------------------------
-- analytics.daily_kpis: one row per day, company-wide, built only on the three daily
-- views above (so PostgreSQL records the dependency and the refresher orders it after
-- them). Each input keeps its own day: orders by order day, fulfillment by ship day,
-- throughput by activity day. Rates are recomputed from summed counts, so they are
-- weighted by volume rather than averages of per-warehouse rates. A company-wide p90
-- cannot be derived from per-warehouse percentiles, so two approximations are given:
-- the worst warehouse's p90 and the p90 averaged with shipped orders as weights.
CREATE MATERIALIZED VIEW analytics.daily_kpis AS
WITH o AS (
    SELECT order_date              AS kpi_date,
           sum(orders)             AS orders,
           sum(cancelled_orders)   AS cancelled_orders,
           sum(net_orders)         AS net_orders,
           sum(revenue)            AS revenue
    FROM order_analytics.daily_orders
    GROUP BY order_date
), f AS (
    SELECT ship_date               AS kpi_date,
           sum(shipped_orders)     AS shipped_orders,
           sum(on_time_orders)     AS on_time_orders,
           max(p90_hours)          AS p90_hours_max,
           round(sum(p90_hours * shipped_orders) / NULLIF(sum(shipped_orders), 0), 2) AS p90_hours_weighted
    FROM order_analytics.fulfillment_times
    GROUP BY ship_date
), t AS (
    SELECT activity_date           AS kpi_date,
           sum(units_picked)       AS units_picked,
           sum(units_received)     AS units_received,
           sum(shipments)          AS shipments
    FROM warehouse_analytics.daily_throughput
    GROUP BY activity_date
), d AS (
    SELECT kpi_date FROM o
    UNION
    SELECT kpi_date FROM f
    UNION
    SELECT kpi_date FROM t
)
SELECT d.kpi_date,
       coalesce(o.orders, 0)::bigint                                     AS orders,
       coalesce(o.revenue, 0)                                            AS revenue,
       round(o.revenue / NULLIF(o.net_orders, 0), 2)                     AS avg_order_value,
       round(o.cancelled_orders / NULLIF(o.orders, 0), 4)                AS cancellation_rate,
       coalesce(f.shipped_orders, 0)::bigint                             AS shipped_orders,
       round(f.on_time_orders / NULLIF(f.shipped_orders, 0), 4)          AS on_time_rate,
       f.p90_hours_max                                                   AS p90_fulfillment_hours_max,
       f.p90_hours_weighted                                              AS p90_fulfillment_hours_weighted,
       coalesce(t.units_picked, 0)::bigint                               AS units_picked,
       coalesce(t.units_received, 0)::bigint                             AS units_received,
       coalesce(t.shipments, 0)::bigint                                  AS shipments
FROM d
LEFT JOIN o ON o.kpi_date = d.kpi_date
LEFT JOIN f ON f.kpi_date = d.kpi_date
LEFT JOIN t ON t.kpi_date = d.kpi_date
WITH NO DATA;

CREATE UNIQUE INDEX daily_kpis_key ON analytics.daily_kpis (kpi_date);
COMMENT ON MATERIALIZED VIEW analytics.daily_kpis IS
    'Company-wide daily KPIs for the management dashboard (orders, revenue, cancellation and on-time rates, p90 fulfillment hours, units picked and received), one row per day.';
COMMENT ON COLUMN analytics.daily_kpis.on_time_rate IS 'On-time shipped orders / shipped orders over all warehouses (weighted by shipped orders).';
COMMENT ON COLUMN analytics.daily_kpis.p90_fulfillment_hours_max IS 'The highest per-warehouse p90 of order-to-shipment hours that day (worst warehouse).';
COMMENT ON COLUMN analytics.daily_kpis.p90_fulfillment_hours_weighted IS 'Per-warehouse p90 hours averaged with shipped orders as weights; an approximation of the company-wide p90.';
ALTER MATERIALIZED VIEW analytics.daily_kpis OWNER TO wms_analytics_user;

GRANT SELECT ON ALL TABLES IN SCHEMA order_analytics, warehouse_analytics, inventory_analytics, analytics
    TO wms_bi_reader;
