-- Recomputes whose plans do not depend on the planner's estimates.
--
-- A report's definition serves the full rebuild (p_buckets '{}', p_from '-infinity') and the
-- bucketed recompute (the dirty buckets before the open window, and every bucket from p_from
-- on). V10 wrote both as one set of joins and relied on the planner to probe for a recompute.
-- Debian's PostgreSQL 15 did not: at 1,000,000 orders it ran weekly_trends' recompute of four
-- weeks as a sequential scan of every order, with each order's lines probed, before it joined
-- the list of weeks (whose row count a CTE hides), and it hash-joined every order line to the
-- open window's orders.
--
-- So each definition now has two branches, and the value of p_from picks one (the refresh
-- plans each call with its values, so the other branch is removed at planning):
--   * the full rebuild, as before: every row, joined in one pass;
--   * the recompute, driven from the list of buckets: for each bucket (LATERAL), its rows by
--     the index on the bucket's time column, behind OFFSET 0 so that the subquery cannot be
--     flattened into a join the planner could turn around; and for each order, its lines by
--     their key, in an aggregate subquery, which is never flattened either. The open window
--     is a list of buckets too: from p_from to the newest row's bucket.
-- The refresh also runs a recompute with enable_seqscan off (see RecomputeSettings), so that
-- even within that shape no history table is read whole. RecomputePlanTest checks the plans
-- with EXPLAIN on every supported server version.
--
-- p_from is the first bucket of the open window ('infinity' for a report without a window).
-- The results are those of V10's definitions, row for row; a changed definition makes each
-- report's next refresh a full rebuild, once.

CREATE OR REPLACE FUNCTION order_analytics.daily_orders_rows(p_buckets date[], p_from date)
RETURNS TABLE (order_date date, warehouse_id integer, orders bigint, cancelled_orders bigint, net_orders bigint,
               order_lines bigint, units bigint, revenue numeric, cancellation_rate numeric, avg_order_value numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH order_totals AS (
    -- The full rebuild: every order with its lines.
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date                               AS order_date,
           o.status = 'cancelled'                           AS cancelled,
           count(l.line_no)                                 AS lines,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    WHERE p_from = '-infinity'::date
    GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status
    UNION ALL
    -- The recompute: each day's orders by their index, each order's lines by their key.
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date,
           o.status = 'cancelled',
           t.lines,
           t.units,
           t.order_value
    FROM (SELECT b.day FROM unnest(p_buckets) AS b(day) WHERE b.day < p_from
          UNION
          SELECT g.day::date
          FROM generate_series(CASE WHEN p_from = '-infinity'::date THEN 'infinity'::date ELSE p_from END::timestamp,
                               (SELECT max(m.created_at) FROM wms.orders m)::date::timestamp,
                               interval '1 day') AS g(day)) AS d(day)
    CROSS JOIN LATERAL (
        SELECT o.order_id, o.warehouse_id, o.created_at, o.status
        FROM wms.orders o
        WHERE o.created_at >= d.day::timestamptz AND o.created_at < (d.day + 1)::timestamptz
        OFFSET 0) AS o
    CROSS JOIN LATERAL (
        SELECT count(l.line_no)                             AS lines,
               coalesce(sum(l.quantity), 0)                 AS units,
               coalesce(sum(l.quantity * l.unit_price), 0)  AS order_value
        FROM wms.order_lines l
        WHERE l.order_id = o.order_id) AS t
    WHERE p_from > '-infinity'::date
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
GROUP BY order_date, warehouse_id;
END;

CREATE OR REPLACE FUNCTION order_analytics.fulfillment_times_rows(p_buckets date[], p_from date)
RETURNS TABLE (ship_date date, warehouse_id integer, shipped_orders bigint, on_time_orders bigint, late_orders bigint,
               on_time_rate numeric, avg_hours numeric, p50_hours numeric, p90_hours numeric, max_hours numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH scope AS (
    SELECT o.warehouse_id, o.created_at, o.promised_at, o.shipped_at, o.status
    FROM wms.orders o
    WHERE p_from = '-infinity'::date AND o.shipped_at IS NOT NULL
    UNION ALL
    SELECT o.warehouse_id, o.created_at, o.promised_at, o.shipped_at, o.status
    FROM (SELECT b.day FROM unnest(p_buckets) AS b(day) WHERE b.day < p_from
          UNION
          SELECT g.day::date
          FROM generate_series(CASE WHEN p_from = '-infinity'::date THEN 'infinity'::date ELSE p_from END::timestamp,
                               (SELECT max(m.shipped_at) FROM wms.orders m)::date::timestamp,
                               interval '1 day') AS g(day)) AS d(day)
    CROSS JOIN LATERAL (
        SELECT o.warehouse_id, o.created_at, o.promised_at, o.shipped_at, o.status
        FROM wms.orders o
        WHERE o.shipped_at >= d.day::timestamptz AND o.shipped_at < (d.day + 1)::timestamptz
        OFFSET 0) AS o
    WHERE p_from > '-infinity'::date
), shipped AS (
    SELECT o.warehouse_id,
           o.shipped_at::date                                             AS ship_date,
           (extract(epoch FROM o.shipped_at - o.created_at) / 3600)::double precision AS hours,
           o.shipped_at <= o.promised_at                                  AS on_time
    FROM scope o
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
GROUP BY ship_date, warehouse_id;
END;

CREATE OR REPLACE FUNCTION warehouse_analytics.daily_throughput_rows(p_buckets date[], p_from date)
RETURNS TABLE (activity_date date, warehouse_id integer, units_received bigint, units_picked bigint,
               units_returned bigint, units_adjusted bigint, units_transferred bigint, movements bigint,
               shipments bigint, shipped_weight_kg numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH dirty AS (
    SELECT b.day FROM unnest(p_buckets) AS b(day) WHERE b.day < p_from
), movement_scope AS (
    SELECT m.movement_type, m.location_id, m.quantity, m.moved_at
    FROM wms.stock_movements m
    WHERE p_from = '-infinity'::date
    UNION ALL
    SELECT m.movement_type, m.location_id, m.quantity, m.moved_at
    FROM (SELECT day FROM dirty
          UNION
          SELECT g.day::date
          FROM generate_series(CASE WHEN p_from = '-infinity'::date THEN 'infinity'::date ELSE p_from END::timestamp,
                               (SELECT max(x.moved_at) FROM wms.stock_movements x)::date::timestamp,
                               interval '1 day') AS g(day)) AS d(day)
    CROSS JOIN LATERAL (
        SELECT m.movement_type, m.location_id, m.quantity, m.moved_at
        FROM wms.stock_movements m
        WHERE m.moved_at >= d.day::timestamptz AND m.moved_at < (d.day + 1)::timestamptz
        OFFSET 0) AS m
    WHERE p_from > '-infinity'::date
), shipment_scope AS (
    SELECT s.warehouse_id, s.shipped_at, s.weight_kg
    FROM wms.shipments s
    WHERE p_from = '-infinity'::date
    UNION ALL
    SELECT s.warehouse_id, s.shipped_at, s.weight_kg
    FROM (SELECT day FROM dirty
          UNION
          SELECT g.day::date
          FROM generate_series(CASE WHEN p_from = '-infinity'::date THEN 'infinity'::date ELSE p_from END::timestamp,
                               (SELECT max(x.shipped_at) FROM wms.shipments x)::date::timestamp,
                               interval '1 day') AS g(day)) AS d(day)
    CROSS JOIN LATERAL (
        SELECT s.warehouse_id, s.shipped_at, s.weight_kg
        FROM wms.shipments s
        WHERE s.shipped_at >= d.day::timestamptz AND s.shipped_at < (d.day + 1)::timestamptz
        OFFSET 0) AS s
    WHERE p_from > '-infinity'::date
), movements AS (
    SELECT m.moved_at::date                                                         AS activity_date,
           l.warehouse_id,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'receipt'), 0)    AS units_received,
           coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)      AS units_picked,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'return'), 0)     AS units_returned,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'adjustment'), 0) AS units_adjusted,
           coalesce(sum(m.quantity) FILTER (WHERE m.movement_type = 'transfer'
                                              AND m.quantity > 0), 0)                AS units_transferred,
           count(*)                                                                  AS movements
    FROM movement_scope m
    JOIN wms.locations l ON l.location_id = m.location_id
    GROUP BY m.moved_at::date, l.warehouse_id
), shipped AS (
    SELECT s.shipped_at::date      AS activity_date,
           s.warehouse_id,
           count(*)                AS shipments,
           sum(s.weight_kg)        AS shipped_weight_kg
    FROM shipment_scope s
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
FULL JOIN shipped s ON s.activity_date = m.activity_date AND s.warehouse_id = m.warehouse_id;
END;

CREATE OR REPLACE FUNCTION order_analytics.weekly_trends_rows(p_buckets date[], p_from date)
RETURNS TABLE (week_start date, warehouse_id integer, orders bigint, cancelled_orders bigint, units bigint,
               revenue numeric, avg_order_value numeric, orders_wow_growth numeric, revenue_wow_growth numeric,
               week_complete boolean)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH RECURSIVE warehouses AS (
    -- The warehouses with orders, one index probe each (a loose index scan).
    SELECT min(o.warehouse_id) AS warehouse_id FROM wms.orders o
    UNION ALL
    SELECT (SELECT min(o.warehouse_id) FROM wms.orders o WHERE o.warehouse_id > w.warehouse_id)
    FROM warehouses w WHERE w.warehouse_id IS NOT NULL
), firsts AS (
    SELECT w.warehouse_id,
           date_trunc('week', (SELECT min(o.created_at) FROM wms.orders o
                               WHERE o.warehouse_id = w.warehouse_id))::date AS first_week
    FROM warehouses w WHERE w.warehouse_id IS NOT NULL
), last AS (
    SELECT date_trunc('week', max(o.created_at))::date AS last_week FROM wms.orders o
), wanted AS (
    SELECT b.week FROM (SELECT DISTINCT unnest(p_buckets)) AS b(week) WHERE b.week < p_from
    UNION
    SELECT g.week::date
    FROM last, generate_series(greatest(p_from, (SELECT min(f.first_week) FROM firsts f))::timestamp,
                               last.last_week::timestamp, interval '1 week') AS g(week)
), needed AS (
    SELECT week FROM wanted
    UNION
    SELECT week - 7 FROM wanted
), weekly AS (
    -- The full rebuild: every order with its lines.
    SELECT date_trunc('week', t.created_at)::date                   AS week_start,
           t.warehouse_id,
           count(*)                                                 AS orders,
           count(*) FILTER (WHERE t.cancelled)                      AS cancelled_orders,
           sum(t.units) FILTER (WHERE NOT t.cancelled)              AS units,
           sum(t.order_value) FILTER (WHERE NOT t.cancelled)        AS revenue
    FROM (SELECT o.warehouse_id,
                 o.created_at,
                 o.status = 'cancelled'                             AS cancelled,
                 coalesce(sum(l.quantity), 0)                       AS units,
                 coalesce(sum(l.quantity * l.unit_price), 0)        AS order_value
          FROM wms.orders o
          LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
          WHERE p_from = '-infinity'::date
          GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status) AS t
    GROUP BY 1, 2
    UNION ALL
    -- The recompute: each needed week's orders by their index, each order's lines by their key.
    SELECT n.week,
           k.warehouse_id,
           k.orders,
           k.cancelled_orders,
           k.units,
           k.revenue
    FROM needed n
    CROSS JOIN LATERAL (
        SELECT o.warehouse_id,
               count(*)                                             AS orders,
               count(*) FILTER (WHERE o.status = 'cancelled')       AS cancelled_orders,
               sum(t.units) FILTER (WHERE o.status <> 'cancelled')  AS units,
               sum(t.order_value) FILTER (WHERE o.status <> 'cancelled') AS revenue
        FROM (SELECT o.order_id, o.warehouse_id, o.status
              FROM wms.orders o
              WHERE o.created_at >= n.week::timestamptz AND o.created_at < (n.week + 7)::timestamptz
              OFFSET 0) AS o
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(l.quantity), 0)                     AS units,
                   coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
            FROM wms.order_lines l
            WHERE l.order_id = o.order_id) AS t
        GROUP BY o.warehouse_id) AS k
    WHERE p_from > '-infinity'::date
), dense AS (
    SELECT n.week                           AS week_start,
           f.warehouse_id,
           coalesce(k.orders, 0)            AS orders,
           coalesce(k.cancelled_orders, 0)  AS cancelled_orders,
           coalesce(k.units, 0)             AS units,
           coalesce(k.revenue, 0)           AS revenue
    FROM needed n
    JOIN firsts f ON f.first_week <= n.week
    JOIN last ON n.week <= last.last_week
    LEFT JOIN weekly k ON k.week_start = n.week AND k.warehouse_id = f.warehouse_id
)
SELECT d.week_start,
       d.warehouse_id,
       d.orders::bigint                                                   AS orders,
       d.cancelled_orders::bigint                                         AS cancelled_orders,
       d.units::bigint                                                    AS units,
       d.revenue,
       round(d.revenue / NULLIF(d.orders - d.cancelled_orders, 0), 2)     AS avg_order_value,
       round((d.orders - p.orders)::numeric / NULLIF(p.orders, 0), 4)     AS orders_wow_growth,
       round((d.revenue - p.revenue) / NULLIF(p.revenue, 0), 4)           AS revenue_wow_growth,
       d.week_start + 7 <= current_date                                   AS week_complete
FROM dense d
LEFT JOIN dense p ON p.warehouse_id = d.warehouse_id AND p.week_start = d.week_start - 7
WHERE d.week_start IN (SELECT week FROM wanted);
END;

CREATE OR REPLACE FUNCTION inventory_analytics.monthly_movement_value_rows(p_buckets date[], p_from date)
RETURNS TABLE (month_start date, warehouse_id integer, category text, net_value numeric, units_picked bigint,
               cogs numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH scope AS (
    SELECT m.movement_type, m.product_id, m.location_id, m.quantity, m.moved_at
    FROM wms.stock_movements m
    WHERE p_from = '-infinity'::date
    UNION ALL
    SELECT m.movement_type, m.product_id, m.location_id, m.quantity, m.moved_at
    FROM (SELECT b.month FROM unnest(p_buckets) AS b(month) WHERE b.month < p_from
          UNION
          SELECT g.month::date
          FROM generate_series(CASE WHEN p_from = '-infinity'::date THEN 'infinity'::date ELSE p_from END::timestamp,
                               date_trunc('month', (SELECT max(x.moved_at) FROM wms.stock_movements x))::date::timestamp,
                               interval '1 month') AS g(month)) AS d(month)
    CROSS JOIN LATERAL (
        SELECT m.movement_type, m.product_id, m.location_id, m.quantity, m.moved_at
        FROM wms.stock_movements m
        WHERE m.moved_at >= d.month::timestamptz
          AND m.moved_at < (d.month + interval '1 month')::date::timestamptz
        OFFSET 0) AS m
    WHERE p_from > '-infinity'::date
)
SELECT date_trunc('month', m.moved_at)::date                                      AS month_start,
       l.warehouse_id,
       p.category,
       sum(m.quantity * p.unit_cost)                                              AS net_value,
       coalesce(-sum(m.quantity) FILTER (WHERE m.movement_type = 'pick'), 0)::bigint AS units_picked,
       coalesce(-sum(m.quantity * p.unit_cost) FILTER (WHERE m.movement_type = 'pick'), 0) AS cogs
FROM scope m
JOIN wms.locations l ON l.location_id = m.location_id
JOIN wms.products p ON p.product_id = m.product_id
GROUP BY l.warehouse_id, p.category, date_trunc('month', m.moved_at)::date;
END;
