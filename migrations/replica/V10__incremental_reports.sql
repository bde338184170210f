-- Incremental reports: the date-bucketed daily reports become tables that wms-analytics
-- maintains bucket by bucket, so a refresh costs what changed rather than the whole history.
--
-- How it fits together:
--   * A report's definition is one SQL function, <report>_rows(p_buckets date[], p_from date).
--     It returns the report's rows for the buckets in p_buckets and for every bucket from
--     p_from on. The full rebuild calls it with ('{}', '-infinity'); a bucketed recompute
--     with the dirty buckets and the start of the open window. It is the only definition:
--     the table is created from its result type, and `verify` compares the table with it.
--     The functions use SQL-standard bodies (BEGIN ATOMIC), so PostgreSQL records what they
--     read in pg_depend: the refresh order and the sources of each report come from there.
--   * Row-level triggers on the wms mirror record which buckets a change touches, in
--     analytics_control.dirty_bucket: the old row's and the new row's. They are ENABLE
--     ALWAYS, because the apply worker runs with session_replication_role = replica.
--   * The open window. A trigger's WHEN clause lets a row through without a call when all
--     of its bucket timestamps are less than open_window old (three days): those buckets
--     are recomputed by every refresh anyway. Only changes to older, closed buckets cost
--     a trigger call. The refresh recomputes every bucket from
--     (previous refresh's transaction start - open_window - 1 day); the extra day covers
--     an apply transaction that was running while the previous refresh took its snapshot.
--   * Buckets follow the reporting time zone. The refresh writes refresh.time-zone to
--     analytics_control.capture_setting; the triggers read it there. A changed zone, a
--     changed definition or source table, a TRUNCATE, a re-synchronised table and a first
--     refresh all mean a full rebuild.
--   * analytics.daily_kpis reads three of the reports. A refresh of one of them adds the
--     buckets it rewrote to the dirty buckets of the reports that read it.
--   * A report whose rows exist over a range that its data sets (weekly_trends: from each
--     warehouse's first week to the last week with orders) names an extent function: the
--     buckets where that range may have moved, recomputed with the dirty ones.
--   * Dates. order_analytics.weekly_trends reads current_date (week_complete). Its flag
--     flips for week W on the day W + 7; a refresh recomputes every week from
--     date_trunc('week', previous refresh - 4 days), which holds every W whose flag can
--     have flipped since (W + 7 > the previous refresh's date), so no other bucket is
--     dirtied by the date. inventory_analytics.monthly_turnover anchors each month's
--     closing value on today's inventory, so any stock change moves every month: its
--     movement ledger, inventory_analytics.monthly_movement_value, is incremental, and the
--     report stays a materialized view computed from the ledger and today's inventory.
--
-- The capture functions must never fail on a row the primary accepted: a failing trigger
-- stops replication. They handle NULLs, missing rows and read nothing that can be absent.
--
-- Readers keep the same names, columns and contents. The tables start empty and are filled
-- by their first refresh, as the materialized views were (WITH NO DATA).

-- ---------------------------------------------------------------------------------------
-- Control tables.
CREATE TABLE analytics_control.capture_setting (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    time_zone    text     NOT NULL DEFAULT 'UTC',
    open_window  interval NOT NULL DEFAULT interval '3 days'
);
INSERT INTO analytics_control.capture_setting DEFAULT VALUES;
COMMENT ON TABLE analytics_control.capture_setting IS
    'What the change-capture triggers need: the reporting time zone of the buckets (written by the refresh) and the open window. open_window must equal the interval in the triggers'' WHEN clauses.';

CREATE TABLE analytics_control.incremental_report (
    report_schema  text         NOT NULL,
    report_name    text         NOT NULL,
    bucket_column  text         NOT NULL,
    bucket_unit    text         NOT NULL CHECK (bucket_unit IN ('day', 'week', 'month')),
    definition     regprocedure NOT NULL,
    extent         regprocedure,
    captured       boolean      NOT NULL,
    needs_full     boolean      NOT NULL DEFAULT true,
    full_reason    text                  DEFAULT 'never refreshed',
    refreshed_at   timestamptz,
    time_zone      text,
    signature      text,
    PRIMARY KEY (report_schema, report_name)
);
COMMENT ON TABLE analytics_control.incremental_report IS
    'Each report that wms-analytics maintains incrementally: its bucket, its definition function, and the state of its last refresh.';
COMMENT ON COLUMN analytics_control.incremental_report.extent IS
    'A function () RETURNS TABLE (bucket date): the buckets where the range of buckets the report holds may have changed. NULL: its buckets exist only where its data is.';
COMMENT ON COLUMN analytics_control.incremental_report.captured IS
    'true: triggers on the wms mirror record its dirty buckets and it has an open window; false: only the reports it reads feed it.';
COMMENT ON COLUMN analytics_control.incremental_report.needs_full IS 'The next refresh rebuilds it in full, for full_reason.';
COMMENT ON COLUMN analytics_control.incremental_report.refreshed_at IS 'The transaction start of its last successful refresh: the anchor of the next open window.';
COMMENT ON COLUMN analytics_control.incremental_report.time_zone IS 'The time zone its buckets were computed in.';
COMMENT ON COLUMN analytics_control.incremental_report.signature IS 'md5 of its definition and of the columns of the tables it reads, at its last refresh.';

CREATE TABLE analytics_control.dirty_bucket (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    bucket         date NOT NULL,
    PRIMARY KEY (report_schema, report_name, bucket)
);
COMMENT ON TABLE analytics_control.dirty_bucket IS
    'Buckets of incremental reports that changed since their last refresh, each recorded once. A refresh claims them in its transaction.';

CREATE TABLE analytics_control.refresh_mode_reason (
    view_schema  text NOT NULL,
    view_name    text NOT NULL,
    reason       text NOT NULL,
    PRIMARY KEY (view_schema, view_name)
);
COMMENT ON TABLE analytics_control.refresh_mode_reason IS
    'Why a report stays a materialized view refreshed in full, shown by `wms-analytics views`.';

-- ---------------------------------------------------------------------------------------
-- The reports' definitions and tables. The materialized views go first (daily_kpis reads
-- the other three).
DROP MATERIALIZED VIEW analytics.daily_kpis;
DROP MATERIALIZED VIEW order_analytics.daily_orders;
DROP MATERIALIZED VIEW order_analytics.fulfillment_times;
DROP MATERIALIZED VIEW warehouse_analytics.daily_throughput;
DROP MATERIALIZED VIEW order_analytics.weekly_trends;
DROP MATERIALIZED VIEW inventory_analytics.monthly_turnover;

-- The weekly trend reads each warehouse's first order; this index makes that a probe.
CREATE INDEX orders_warehouse_created_at_idx ON wms.orders (warehouse_id, created_at);

-- order_analytics.daily_orders: one row per order day (created_at) and warehouse.
CREATE FUNCTION order_analytics.daily_orders_rows(p_buckets date[], p_from date)
RETURNS TABLE (order_date date, warehouse_id integer, orders bigint, cancelled_orders bigint, net_orders bigint,
               order_lines bigint, units bigint, revenue numeric, cancellation_rate numeric, avg_order_value numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH order_totals AS (
    -- The open window and, for a full rebuild, everything: the planner joins the lines as
    -- the size asks (a hash join over all of them, or probes for a few days).
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date                               AS order_date,
           o.status = 'cancelled'                           AS cancelled,
           count(l.line_no)                                 AS lines,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    WHERE o.created_at >= p_from::timestamptz
    GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status
    UNION ALL
    -- The dirty days before the window: each order's lines by an index probe, so the
    -- recompute reads only those days whatever the history holds.
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date,
           o.status = 'cancelled',
           t.lines,
           t.units,
           t.order_value
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(day)
    JOIN wms.orders o ON o.created_at >= b.day::timestamptz AND o.created_at < (b.day + 1)::timestamptz
    CROSS JOIN LATERAL (
        SELECT count(l.line_no)                             AS lines,
               coalesce(sum(l.quantity), 0)                 AS units,
               coalesce(sum(l.quantity * l.unit_price), 0)  AS order_value
        FROM wms.order_lines l
        WHERE l.order_id = o.order_id) AS t
    WHERE b.day < p_from
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

-- order_analytics.fulfillment_times: one row per ship day and warehouse, over the orders
-- shipped that day (status shipped or delivered).
CREATE FUNCTION order_analytics.fulfillment_times_rows(p_buckets date[], p_from date)
RETURNS TABLE (ship_date date, warehouse_id integer, shipped_orders bigint, on_time_orders bigint, late_orders bigint,
               on_time_rate numeric, avg_hours numeric, p50_hours numeric, p90_hours numeric, max_hours numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH scope AS (
    SELECT o.warehouse_id, o.created_at, o.promised_at, o.shipped_at, o.status
    FROM wms.orders o
    WHERE o.shipped_at >= p_from::timestamptz
    UNION ALL
    SELECT o.warehouse_id, o.created_at, o.promised_at, o.shipped_at, o.status
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(day)
    JOIN wms.orders o ON o.shipped_at >= b.day::timestamptz AND o.shipped_at < (b.day + 1)::timestamptz
    WHERE b.day < p_from
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

-- warehouse_analytics.daily_throughput: one row per day and warehouse with any stock
-- movement or shipment. A movement belongs to the warehouse of its location.
CREATE FUNCTION warehouse_analytics.daily_throughput_rows(p_buckets date[], p_from date)
RETURNS TABLE (activity_date date, warehouse_id integer, units_received bigint, units_picked bigint,
               units_returned bigint, units_adjusted bigint, units_transferred bigint, movements bigint,
               shipments bigint, shipped_weight_kg numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH movement_scope AS (
    SELECT m.movement_type, m.location_id, m.quantity, m.moved_at
    FROM wms.stock_movements m
    WHERE m.moved_at >= p_from::timestamptz
    UNION ALL
    SELECT m.movement_type, m.location_id, m.quantity, m.moved_at
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(day)
    JOIN wms.stock_movements m ON m.moved_at >= b.day::timestamptz AND m.moved_at < (b.day + 1)::timestamptz
    WHERE b.day < p_from
), shipment_scope AS (
    SELECT s.warehouse_id, s.shipped_at, s.weight_kg
    FROM wms.shipments s
    WHERE s.shipped_at >= p_from::timestamptz
    UNION ALL
    SELECT s.warehouse_id, s.shipped_at, s.weight_kg
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(day)
    JOIN wms.shipments s ON s.shipped_at >= b.day::timestamptz AND s.shipped_at < (b.day + 1)::timestamptz
    WHERE b.day < p_from
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


-- order_analytics.weekly_trends: one row per ISO week (Monday, date_trunc('week')) and
-- warehouse, from the warehouse's first week with orders to the latest week with orders.
-- Weeks without orders are present with zeros, so the growth always compares with the
-- previous calendar week. A week's row reads its own orders and the week before's.
CREATE FUNCTION order_analytics.weekly_trends_rows(p_buckets date[], p_from date)
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
), order_totals AS (
    -- The weeks from a week before the window on (everything, for a full rebuild): the
    -- planner joins the lines as the size asks.
    SELECT o.order_id,
           o.warehouse_id,
           date_trunc('week', o.created_at)::date           AS week_start,
           o.status = 'cancelled'                           AS cancelled,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM wms.orders o
    LEFT JOIN wms.order_lines l ON l.order_id = o.order_id
    WHERE o.created_at >= (p_from - 7)::timestamptz
    GROUP BY o.order_id, o.warehouse_id, o.created_at, o.status
    UNION ALL
    -- The other needed weeks: each order's lines by an index probe.
    SELECT o.order_id,
           o.warehouse_id,
           n.week,
           o.status = 'cancelled',
           t.units,
           t.order_value
    FROM needed n
    JOIN wms.orders o ON o.created_at >= n.week::timestamptz AND o.created_at < (n.week + 7)::timestamptz
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(l.quantity), 0)                 AS units,
               coalesce(sum(l.quantity * l.unit_price), 0)  AS order_value
        FROM wms.order_lines l
        WHERE l.order_id = o.order_id) AS t
    WHERE n.week < p_from - 7
), weekly AS (
    SELECT week_start,
           warehouse_id,
           count(*)                                         AS orders,
           count(*) FILTER (WHERE cancelled)                AS cancelled_orders,
           sum(units) FILTER (WHERE NOT cancelled)          AS units,
           sum(order_value) FILTER (WHERE NOT cancelled)    AS revenue
    FROM order_totals
    GROUP BY week_start, warehouse_id
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

-- inventory_analytics.monthly_movement_value: the movement ledger of the monthly turnover,
-- one row per month with stock movements, warehouse and product category, valued at the
-- product's current unit_cost.
CREATE FUNCTION inventory_analytics.monthly_movement_value_rows(p_buckets date[], p_from date)
RETURNS TABLE (month_start date, warehouse_id integer, category text, net_value numeric, units_picked bigint,
               cogs numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH scope AS (
    SELECT m.movement_type, m.product_id, m.location_id, m.quantity, m.moved_at
    FROM wms.stock_movements m
    WHERE m.moved_at >= p_from::timestamptz
    UNION ALL
    SELECT m.movement_type, m.product_id, m.location_id, m.quantity, m.moved_at
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(month)
    JOIN wms.stock_movements m ON m.moved_at >= b.month::timestamptz
                              AND m.moved_at < (b.month + interval '1 month')::date::timestamptz
    WHERE b.month < p_from
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

CREATE TABLE order_analytics.daily_orders AS
    SELECT * FROM order_analytics.daily_orders_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE order_analytics.daily_orders ADD PRIMARY KEY (order_date, warehouse_id);
CREATE TABLE order_analytics.fulfillment_times AS
    SELECT * FROM order_analytics.fulfillment_times_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE order_analytics.fulfillment_times ADD PRIMARY KEY (ship_date, warehouse_id);
CREATE TABLE warehouse_analytics.daily_throughput AS
    SELECT * FROM warehouse_analytics.daily_throughput_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE warehouse_analytics.daily_throughput ADD PRIMARY KEY (activity_date, warehouse_id);
CREATE TABLE order_analytics.weekly_trends AS
    SELECT * FROM order_analytics.weekly_trends_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE order_analytics.weekly_trends ADD PRIMARY KEY (week_start, warehouse_id);
CREATE TABLE inventory_analytics.monthly_movement_value AS
    SELECT * FROM inventory_analytics.monthly_movement_value_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE inventory_analytics.monthly_movement_value ADD PRIMARY KEY (month_start, warehouse_id, category);

-- The weeks where a warehouse's range of weeks may have moved: between the first and the
-- last week the table holds for it and the ones its orders give now.
CREATE FUNCTION order_analytics.weekly_trends_extent()
RETURNS TABLE (bucket date)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH RECURSIVE warehouses AS (
    SELECT min(o.warehouse_id) AS warehouse_id FROM wms.orders o
    UNION ALL
    SELECT (SELECT min(o.warehouse_id) FROM wms.orders o WHERE o.warehouse_id > w.warehouse_id)
    FROM warehouses w WHERE w.warehouse_id IS NOT NULL
), now_range AS (
    SELECT w.warehouse_id,
           date_trunc('week', (SELECT min(o.created_at) FROM wms.orders o
                               WHERE o.warehouse_id = w.warehouse_id))::date AS first_week,
           (SELECT date_trunc('week', max(o.created_at))::date FROM wms.orders o) AS last_week
    FROM warehouses w WHERE w.warehouse_id IS NOT NULL
), held AS (
    SELECT t.warehouse_id, min(t.week_start) AS first_week, max(t.week_start) AS last_week
    FROM order_analytics.weekly_trends t
    GROUP BY t.warehouse_id
), ranges AS (
    SELECT least(n.first_week, h.first_week) AS lo, greatest(n.first_week, h.first_week) AS hi
    FROM now_range n FULL JOIN held h ON h.warehouse_id = n.warehouse_id
    WHERE n.first_week IS NOT NULL AND h.first_week IS NOT NULL
    UNION ALL
    SELECT least(n.last_week, h.last_week), greatest(n.last_week, h.last_week)
    FROM now_range n FULL JOIN held h ON h.warehouse_id = n.warehouse_id
    WHERE n.first_week IS NOT NULL AND h.first_week IS NOT NULL
    UNION ALL
    SELECT coalesce(n.first_week, h.first_week), coalesce(n.last_week, h.last_week)
    FROM now_range n FULL JOIN held h ON h.warehouse_id = n.warehouse_id
    WHERE n.first_week IS NULL OR h.first_week IS NULL
)
SELECT DISTINCT g.week::date
FROM ranges r, generate_series(r.lo::timestamp, r.hi::timestamp, interval '1 week') AS g(week)
WHERE r.lo IS NOT NULL AND r.hi IS NOT NULL;
END;

-- inventory_analytics.monthly_turnover: one row per complete calendar month, warehouse and
-- product category, from the first month with stock movements to the last complete month.
-- The WMS keeps no inventory snapshots, so the month-end inventory is reconstructed from
-- the current inventory by undoing the movements made since then (inventory always equals
-- the sum of its movements): closing(M) = current value - net movement value after M, and
-- opening(M) = closing(M) - net movement value in M. Anchoring on the current inventory
-- keeps the estimate right even when old movements have been purged. All values are at
-- the product's current unit_cost (there is no cost history). The movements come from the
-- incremental ledger inventory_analytics.monthly_movement_value.
CREATE MATERIALIZED VIEW inventory_analytics.monthly_turnover AS
WITH movement_value AS (
    SELECT month_start, warehouse_id, category, net_value, units_picked, cogs
    FROM inventory_analytics.monthly_movement_value
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

-- analytics.daily_kpis: one row per day, company-wide, built only on the three reports
-- above. Each input keeps its own day: orders by order day, fulfillment by ship day,
-- throughput by activity day. Rates are recomputed from summed counts, so they are
-- weighted by volume rather than averages of per-warehouse rates. A company-wide p90
-- cannot be derived from per-warehouse percentiles, so two approximations are given:
-- the worst warehouse's p90 and the p90 averaged with shipped orders as weights.
CREATE FUNCTION analytics.daily_kpis_rows(p_buckets date[], p_from date)
RETURNS TABLE (kpi_date date, orders bigint, revenue numeric, avg_order_value numeric, cancellation_rate numeric,
               shipped_orders bigint, on_time_rate numeric, p90_fulfillment_hours_max numeric,
               p90_fulfillment_hours_weighted numeric, units_picked bigint, units_received bigint, shipments bigint)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH o AS (
    SELECT order_date              AS kpi_date,
           sum(orders)             AS orders,
           sum(cancelled_orders)   AS cancelled_orders,
           sum(net_orders)         AS net_orders,
           sum(revenue)            AS revenue
    FROM order_analytics.daily_orders
    WHERE order_date >= p_from OR order_date = ANY (p_buckets)
    GROUP BY order_date
), f AS (
    SELECT ship_date               AS kpi_date,
           sum(shipped_orders)     AS shipped_orders,
           sum(on_time_orders)     AS on_time_orders,
           max(p90_hours)          AS p90_hours_max,
           round(sum(p90_hours * shipped_orders) / NULLIF(sum(shipped_orders), 0), 2) AS p90_hours_weighted
    FROM order_analytics.fulfillment_times
    WHERE ship_date >= p_from OR ship_date = ANY (p_buckets)
    GROUP BY ship_date
), t AS (
    SELECT activity_date           AS kpi_date,
           sum(units_picked)       AS units_picked,
           sum(units_received)     AS units_received,
           sum(shipments)          AS shipments
    FROM warehouse_analytics.daily_throughput
    WHERE activity_date >= p_from OR activity_date = ANY (p_buckets)
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
LEFT JOIN t ON t.kpi_date = d.kpi_date;
END;

CREATE TABLE analytics.daily_kpis AS
    SELECT * FROM analytics.daily_kpis_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE analytics.daily_kpis ADD PRIMARY KEY (kpi_date);

COMMENT ON TABLE order_analytics.daily_orders IS
    'Daily order intake for sales and operations (orders, lines, units, revenue, cancellations, average order value), one row per order day and warehouse.';
COMMENT ON COLUMN order_analytics.daily_orders.orders IS 'Orders placed that day, cancelled ones included.';
COMMENT ON COLUMN order_analytics.daily_orders.net_orders IS 'Orders placed that day that are not cancelled; order_lines, units, revenue and avg_order_value count only these.';
COMMENT ON COLUMN order_analytics.daily_orders.cancellation_rate IS 'cancelled_orders / orders, a fraction.';
COMMENT ON TABLE order_analytics.fulfillment_times IS
    'Order-to-shipment lead times (p50/p90 hours from created_at to shipped_at) and on-time shipping (shipped_at <= promised_at) for service-level tracking, one row per ship day and warehouse.';
COMMENT ON TABLE warehouse_analytics.daily_throughput IS
    'Daily warehouse workload for labour and dock planning (units received, picked, returned, net adjustments, transferred in, movements, shipments), one row per day and warehouse.';
COMMENT ON COLUMN warehouse_analytics.daily_throughput.units_adjusted IS 'Net quantity of adjustments (positive: found, negative: written off).';
COMMENT ON COLUMN warehouse_analytics.daily_throughput.units_transferred IS 'Units moved into this warehouse''s bins by transfers (the inbound leg, so a transfer counts once).';
COMMENT ON TABLE order_analytics.weekly_trends IS
    'Weekly order trend with week-over-week growth of orders and revenue for sales reviews, one row per ISO week and warehouse.';
COMMENT ON COLUMN order_analytics.weekly_trends.orders_wow_growth IS '(orders - previous week''s orders) / previous week''s orders, a fraction; NULL for the first week or after a week with none.';
COMMENT ON COLUMN order_analytics.weekly_trends.revenue_wow_growth IS '(revenue - previous week''s revenue) / previous week''s revenue, a fraction; NULL for the first week or after a week with none.';
COMMENT ON COLUMN order_analytics.weekly_trends.week_complete IS 'False for the current, still running week.';
COMMENT ON TABLE inventory_analytics.monthly_movement_value IS
    'Net value, units and cost of goods picked of the stock movements per month, warehouse and product category, at current unit cost: the ledger of monthly_turnover.';
COMMENT ON TABLE analytics.daily_kpis IS
    'Company-wide daily KPIs for the management dashboard (orders, revenue, cancellation and on-time rates, p90 fulfillment hours, units picked and received), one row per day.';
COMMENT ON COLUMN analytics.daily_kpis.on_time_rate IS 'On-time shipped orders / shipped orders over all warehouses (weighted by shipped orders).';
COMMENT ON COLUMN analytics.daily_kpis.p90_fulfillment_hours_max IS 'The highest per-warehouse p90 of order-to-shipment hours that day (worst warehouse).';
COMMENT ON COLUMN analytics.daily_kpis.p90_fulfillment_hours_weighted IS 'Per-warehouse p90 hours averaged with shipped orders as weights; an approximation of the company-wide p90.';

INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column, bucket_unit, definition, captured) VALUES
    ('order_analytics',     'daily_orders',      'order_date',    'day', 'order_analytics.daily_orders_rows(date[], date)',         true),
    ('order_analytics',     'fulfillment_times', 'ship_date',     'day', 'order_analytics.fulfillment_times_rows(date[], date)',    true),
    ('warehouse_analytics', 'daily_throughput',  'activity_date', 'day', 'warehouse_analytics.daily_throughput_rows(date[], date)', true),
    ('analytics',           'daily_kpis',        'kpi_date',      'day', 'analytics.daily_kpis_rows(date[], date)',                 false);
INSERT INTO analytics_control.incremental_report (report_schema, report_name, bucket_column, bucket_unit, definition, extent, captured) VALUES
    ('order_analytics',     'weekly_trends',          'week_start',  'week',  'order_analytics.weekly_trends_rows(date[], date)',
     'order_analytics.weekly_trends_extent()', true),
    ('inventory_analytics', 'monthly_movement_value', 'month_start', 'month', 'inventory_analytics.monthly_movement_value_rows(date[], date)',
     NULL, true);
INSERT INTO analytics_control.refresh_group_member (view_schema, view_name, refresh_group) VALUES
    ('inventory_analytics', 'monthly_movement_value', 'monthly');

INSERT INTO analytics_control.refresh_mode_reason (view_schema, view_name, reason) VALUES
    ('inventory_analytics', 'stock_levels',         'rows are per warehouse and product over a 28-day window that moves every day; no date bucket'),
    ('inventory_analytics', 'slow_movers',          'rows are per warehouse and product and depend on the days since the last pick'),
    ('warehouse_analytics', 'location_utilization', 'rows are per location over a moving window'),
    ('customer_analytics',  'customer_summary',     'rows are per customer over the whole history'),
    ('inventory_analytics', 'monthly_turnover',     'each month''s closing value is anchored on today''s inventory; computed from its incremental ledger monthly_movement_value'),
    ('inventory_analytics', 'abc_classification',   'classes rank products over a moving window'),
    ('customer_analytics',  'monthly_rfm',          'recency is measured from the current date');

-- ---------------------------------------------------------------------------------------
-- Change capture. Each function records the buckets of the old and the new row in the
-- reporting time zone; the WHEN clauses keep rows of the open window from calling them.
-- The functions are PL/pgSQL with their statements inline: PL/pgSQL keeps their plans for
-- the session, whereas calling a non-inlinable SQL function from each row costs a new plan
-- per call (ten times the whole trigger, measured). Each reads the zone only when it records.
CREATE FUNCTION analytics_control.capture_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text;
    closed timestamptz := now() - interval '3 days';
BEGIN
    SELECT s.time_zone INTO zone FROM analytics_control.capture_setting s;
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT v.report_schema, v.report_name, (v.at AT TIME ZONE zone)::date
    FROM (VALUES ('order_analytics', 'daily_orders', CASE WHEN TG_OP <> 'INSERT' THEN OLD.created_at END),
                 ('order_analytics', 'daily_orders', CASE WHEN TG_OP <> 'DELETE' THEN NEW.created_at END),
                 ('order_analytics', 'fulfillment_times', CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped_at END),
                 ('order_analytics', 'fulfillment_times', CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped_at END))
         AS v(report_schema, report_name, at)
    WHERE v.at < closed
    ON CONFLICT DO NOTHING;
    -- A week's row also reads the week before: a change dirties its week and the next.
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT 'order_analytics', 'weekly_trends', date_trunc('week', v.at AT TIME ZONE zone)::date + v.shift
    FROM (VALUES (CASE WHEN TG_OP <> 'INSERT' THEN OLD.created_at END),
                 (CASE WHEN TG_OP <> 'DELETE' THEN NEW.created_at END)) AS c(at)
    CROSS JOIN (VALUES (0), (7)) AS s(shift)
    CROSS JOIN LATERAL (SELECT c.at, s.shift) AS v
    WHERE v.at < closed
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

-- Order lines carry no time: their bucket is their order's. Every line change calls this
-- function, which looks the order up and records nothing for an order of the open window.
-- The primary's foreign key means an order exists before its lines and outlives them.
CREATE FUNCTION analytics_control.capture_order_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    created timestamptz;
    local timestamp;
    pass int;
BEGIN
    FOR pass IN 1..2 LOOP
        created := NULL;
        IF pass = 1 AND TG_OP <> 'DELETE' THEN
            SELECT o.created_at INTO created FROM wms.orders o WHERE o.order_id = NEW.order_id;
        ELSIF pass = 2 AND (TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.order_id IS DISTINCT FROM NEW.order_id)) THEN
            SELECT o.created_at INTO created FROM wms.orders o WHERE o.order_id = OLD.order_id;
        END IF;
        IF created < now() - interval '3 days' THEN
            SELECT created AT TIME ZONE s.time_zone INTO local FROM analytics_control.capture_setting s;
            INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
            VALUES ('order_analytics', 'daily_orders', local::date),
                   ('order_analytics', 'weekly_trends', date_trunc('week', local)::date),
                   ('order_analytics', 'weekly_trends', date_trunc('week', local)::date + 7)
            ON CONFLICT DO NOTHING;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_control.capture_stock_movements() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text;
BEGIN
    SELECT s.time_zone INTO zone FROM analytics_control.capture_setting s;
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT r.report_schema, r.report_name, r.bucket
    FROM (VALUES (CASE WHEN TG_OP <> 'INSERT' THEN OLD.moved_at END),
                 (CASE WHEN TG_OP <> 'DELETE' THEN NEW.moved_at END)) AS v(at),
         LATERAL (VALUES ('warehouse_analytics', 'daily_throughput', (v.at AT TIME ZONE zone)::date),
                         ('inventory_analytics', 'monthly_movement_value', date_trunc('month', v.at AT TIME ZONE zone)::date))
             AS r(report_schema, report_name, bucket)
    WHERE v.at < now() - interval '3 days'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_control.capture_shipments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text;
BEGIN
    SELECT s.time_zone INTO zone FROM analytics_control.capture_setting s;
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT 'warehouse_analytics', 'daily_throughput', (v.at AT TIME ZONE zone)::date
    FROM (VALUES (CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped_at END),
                 (CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped_at END)) AS v(at)
    WHERE v.at < now() - interval '3 days'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

-- A change that can move rows of every bucket: a TRUNCATE, or a location that changes
-- warehouse (its movements move with it). The reports that read the table are rebuilt in
-- full. A new location has no movements yet (the primary's foreign key), so an INSERT of
-- a location changes nothing.
CREATE FUNCTION analytics_control.capture_rebuild() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE analytics_control.incremental_report r
    SET needs_full = true,
        full_reason = TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ': ' || lower(TG_OP)
    WHERE EXISTS (SELECT FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = r.definition
                    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = TG_RELID)
      AND NOT r.needs_full;
    RETURN NULL;
END;
$$;

CREATE TRIGGER capture_insert AFTER INSERT ON wms.orders FOR EACH ROW
    WHEN (NEW.created_at < now() - interval '3 days' OR NEW.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_orders();
CREATE TRIGGER capture_update AFTER UPDATE ON wms.orders FOR EACH ROW
    WHEN (OLD.created_at < now() - interval '3 days' OR NEW.created_at < now() - interval '3 days'
          OR OLD.shipped_at < now() - interval '3 days' OR NEW.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_orders();
CREATE TRIGGER capture_delete AFTER DELETE ON wms.orders FOR EACH ROW
    WHEN (OLD.created_at < now() - interval '3 days' OR OLD.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_orders();

CREATE TRIGGER capture_change AFTER INSERT OR UPDATE OR DELETE ON wms.order_lines FOR EACH ROW
    EXECUTE FUNCTION analytics_control.capture_order_lines();

CREATE TRIGGER capture_insert AFTER INSERT ON wms.stock_movements FOR EACH ROW
    WHEN (NEW.moved_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_stock_movements();
CREATE TRIGGER capture_update AFTER UPDATE ON wms.stock_movements FOR EACH ROW
    WHEN (OLD.moved_at < now() - interval '3 days' OR NEW.moved_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_stock_movements();
CREATE TRIGGER capture_delete AFTER DELETE ON wms.stock_movements FOR EACH ROW
    WHEN (OLD.moved_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_stock_movements();

CREATE TRIGGER capture_insert AFTER INSERT ON wms.shipments FOR EACH ROW
    WHEN (NEW.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_shipments();
CREATE TRIGGER capture_update AFTER UPDATE ON wms.shipments FOR EACH ROW
    WHEN (OLD.shipped_at < now() - interval '3 days' OR NEW.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_shipments();
CREATE TRIGGER capture_delete AFTER DELETE ON wms.shipments FOR EACH ROW
    WHEN (OLD.shipped_at < now() - interval '3 days')
    EXECUTE FUNCTION analytics_control.capture_shipments();

CREATE TRIGGER capture_rebuild AFTER UPDATE OF location_id, warehouse_id ON wms.locations FOR EACH ROW
    WHEN (OLD.location_id IS DISTINCT FROM NEW.location_id OR OLD.warehouse_id IS DISTINCT FROM NEW.warehouse_id)
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_rebuild_delete AFTER DELETE ON wms.locations FOR EACH ROW
    EXECUTE FUNCTION analytics_control.capture_rebuild();

CREATE TRIGGER capture_rebuild AFTER UPDATE OF product_id, category, unit_cost ON wms.products FOR EACH ROW
    WHEN (OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.category IS DISTINCT FROM NEW.category
          OR OLD.unit_cost IS DISTINCT FROM NEW.unit_cost)
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_rebuild_delete AFTER DELETE ON wms.products FOR EACH ROW
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.products FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.orders FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.order_lines FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.stock_movements FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.shipments FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();
CREATE TRIGGER capture_truncate AFTER TRUNCATE ON wms.locations FOR EACH STATEMENT
    EXECUTE FUNCTION analytics_control.capture_rebuild();

-- The apply worker fires only ALWAYS (or REPLICA) triggers.
ALTER TABLE wms.orders ENABLE ALWAYS TRIGGER capture_insert, ENABLE ALWAYS TRIGGER capture_update,
    ENABLE ALWAYS TRIGGER capture_delete, ENABLE ALWAYS TRIGGER capture_truncate;
ALTER TABLE wms.order_lines ENABLE ALWAYS TRIGGER capture_change, ENABLE ALWAYS TRIGGER capture_truncate;
ALTER TABLE wms.stock_movements ENABLE ALWAYS TRIGGER capture_insert, ENABLE ALWAYS TRIGGER capture_update,
    ENABLE ALWAYS TRIGGER capture_delete, ENABLE ALWAYS TRIGGER capture_truncate;
ALTER TABLE wms.shipments ENABLE ALWAYS TRIGGER capture_insert, ENABLE ALWAYS TRIGGER capture_update,
    ENABLE ALWAYS TRIGGER capture_delete, ENABLE ALWAYS TRIGGER capture_truncate;
ALTER TABLE wms.locations ENABLE ALWAYS TRIGGER capture_rebuild, ENABLE ALWAYS TRIGGER capture_rebuild_delete,
    ENABLE ALWAYS TRIGGER capture_truncate;
ALTER TABLE wms.products ENABLE ALWAYS TRIGGER capture_rebuild, ENABLE ALWAYS TRIGGER capture_rebuild_delete,
    ENABLE ALWAYS TRIGGER capture_truncate;

-- ---------------------------------------------------------------------------------------
-- analytics.report_freshness now covers the incremental reports too.
CREATE OR REPLACE VIEW analytics.report_freshness AS
WITH reports AS (
    SELECT m.schemaname::text AS view_schema, m.matviewname::text AS view_name
    FROM pg_catalog.pg_matviews m
    WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT r.report_schema, r.report_name FROM analytics_control.incremental_report r
)
SELECT m.view_schema,
       m.view_name,
       g.refresh_group,
       s.finished_at             AS last_success_at,
       s.data_as_of,
       s.duration_ms             AS last_duration_ms,
       a.status                  AS last_status,
       a.attempted_at            AS last_attempt_at
FROM reports m
LEFT JOIN analytics_control.refresh_group_member g
       ON g.view_schema = m.view_schema AND g.view_name = m.view_name
LEFT JOIN LATERAL (
    SELECT v.finished_at,
           CASE WHEN r.status <> 'ungated' THEN r.data_as_of END                    AS data_as_of,
           round(extract(epoch FROM v.finished_at - v.started_at) * 1000)::bigint     AS duration_ms
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = m.view_schema AND v.view_name = m.view_name AND v.status = 'succeeded'
    ORDER BY v.finished_at DESC NULLS LAST, v.run_id DESC
    LIMIT 1
) s ON true
LEFT JOIN LATERAL (
    SELECT v.status,
           coalesce(v.started_at, r.started_at)                                        AS attempted_at
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = m.view_schema AND v.view_name = m.view_name
    ORDER BY coalesce(v.started_at, r.started_at) DESC, v.run_id DESC
    LIMIT 1
) a ON true;

-- ---------------------------------------------------------------------------------------
-- History: what each report's refresh did.
ALTER TABLE analytics_control.refresh_run_view DROP CONSTRAINT refresh_run_view_mode_check;
ALTER TABLE analytics_control.refresh_run_view
    ADD CONSTRAINT refresh_run_view_mode_check CHECK (mode IN ('concurrent', 'plain', 'incremental', 'full')),
    ADD COLUMN buckets bigint,
    ADD COLUMN rows_deleted bigint,
    ADD COLUMN rows_inserted bigint;
COMMENT ON COLUMN analytics_control.refresh_run_view.mode IS
    'concurrent (REFRESH ... CONCURRENTLY, readers not blocked), plain (REFRESH, readers wait), incremental (only the changed buckets recomputed) or full (an incremental report rebuilt from its whole definition).';
COMMENT ON COLUMN analytics_control.refresh_run_view.buckets IS 'For an incremental report: how many buckets the refresh recomputed.';
COMMENT ON COLUMN analytics_control.refresh_run_view.rows_deleted IS 'For an incremental report: rows the refresh deleted.';
COMMENT ON COLUMN analytics_control.refresh_run_view.rows_inserted IS 'For an incremental report: rows the refresh inserted.';

-- ---------------------------------------------------------------------------------------
-- Ownership and grants. The refresher owns the report tables and their definitions; BI
-- reads the tables. Only the refresher runs the definitions.
ALTER TABLE order_analytics.daily_orders OWNER TO wms_analytics_user;
ALTER TABLE order_analytics.fulfillment_times OWNER TO wms_analytics_user;
ALTER TABLE warehouse_analytics.daily_throughput OWNER TO wms_analytics_user;
ALTER TABLE analytics.daily_kpis OWNER TO wms_analytics_user;
ALTER TABLE order_analytics.weekly_trends OWNER TO wms_analytics_user;
ALTER TABLE inventory_analytics.monthly_movement_value OWNER TO wms_analytics_user;
ALTER FUNCTION order_analytics.weekly_trends_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION order_analytics.weekly_trends_extent() OWNER TO wms_analytics_user;
ALTER FUNCTION inventory_analytics.monthly_movement_value_rows(date[], date) OWNER TO wms_analytics_user;
REVOKE EXECUTE ON FUNCTION order_analytics.weekly_trends_rows(date[], date), order_analytics.weekly_trends_extent(),
    inventory_analytics.monthly_movement_value_rows(date[], date) FROM PUBLIC;
ALTER FUNCTION order_analytics.daily_orders_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION order_analytics.fulfillment_times_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION warehouse_analytics.daily_throughput_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION analytics.daily_kpis_rows(date[], date) OWNER TO wms_analytics_user;
REVOKE EXECUTE ON FUNCTION order_analytics.daily_orders_rows(date[], date), order_analytics.fulfillment_times_rows(date[], date),
    warehouse_analytics.daily_throughput_rows(date[], date), analytics.daily_kpis_rows(date[], date) FROM PUBLIC;
GRANT SELECT ON order_analytics.daily_orders, order_analytics.fulfillment_times, warehouse_analytics.daily_throughput,
    analytics.daily_kpis, order_analytics.weekly_trends, inventory_analytics.monthly_movement_value,
    inventory_analytics.monthly_turnover TO wms_bi_reader;
GRANT SELECT, UPDATE ON analytics_control.capture_setting, analytics_control.incremental_report TO wms_analytics_user;
GRANT SELECT, INSERT, DELETE ON analytics_control.dirty_bucket TO wms_analytics_user;
GRANT SELECT ON analytics_control.refresh_mode_reason TO wms_analytics_user;
