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

-- order_analytics.daily_orders: one row per order day (created_at) and warehouse.
CREATE FUNCTION order_analytics.daily_orders_rows(p_buckets date[], p_from date)
RETURNS TABLE (order_date date, warehouse_id integer, orders bigint, cancelled_orders bigint, net_orders bigint,
               order_lines bigint, units bigint, revenue numeric, cancellation_rate numeric, avg_order_value numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
WITH scope AS (
    SELECT o.order_id, o.warehouse_id, o.created_at, o.status
    FROM wms.orders o
    WHERE o.created_at >= p_from::timestamptz
    UNION ALL
    SELECT o.order_id, o.warehouse_id, o.created_at, o.status
    FROM (SELECT DISTINCT unnest(p_buckets)) AS b(day)
    JOIN wms.orders o ON o.created_at >= b.day::timestamptz AND o.created_at < (b.day + 1)::timestamptz
    WHERE b.day < p_from
), order_totals AS (
    SELECT o.order_id,
           o.warehouse_id,
           o.created_at::date                               AS order_date,
           o.status = 'cancelled'                           AS cancelled,
           count(l.line_no)                                 AS lines,
           coalesce(sum(l.quantity), 0)                     AS units,
           coalesce(sum(l.quantity * l.unit_price), 0)      AS order_value
    FROM scope o
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

CREATE TABLE order_analytics.daily_orders AS
    SELECT * FROM order_analytics.daily_orders_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE order_analytics.daily_orders ADD PRIMARY KEY (order_date, warehouse_id);
CREATE TABLE order_analytics.fulfillment_times AS
    SELECT * FROM order_analytics.fulfillment_times_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE order_analytics.fulfillment_times ADD PRIMARY KEY (ship_date, warehouse_id);
CREATE TABLE warehouse_analytics.daily_throughput AS
    SELECT * FROM warehouse_analytics.daily_throughput_rows('{}', 'infinity') WITH NO DATA;
ALTER TABLE warehouse_analytics.daily_throughput ADD PRIMARY KEY (activity_date, warehouse_id);

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

INSERT INTO analytics_control.refresh_mode_reason (view_schema, view_name, reason) VALUES
    ('inventory_analytics', 'stock_levels',         'rows are per warehouse and product over a 28-day window that moves every day; no date bucket'),
    ('order_analytics',     'weekly_trends',        'growth compares each week with the one before and week_complete follows the date; refreshed in full'),
    ('inventory_analytics', 'slow_movers',          'rows are per warehouse and product and depend on the days since the last pick'),
    ('warehouse_analytics', 'location_utilization', 'rows are per location over a moving window'),
    ('customer_analytics',  'customer_summary',     'rows are per customer over the whole history'),
    ('inventory_analytics', 'monthly_turnover',     'each month''s closing value is anchored on today''s inventory, so every stock change moves every month; refreshed in full'),
    ('inventory_analytics', 'abc_classification',   'classes rank products over a moving window'),
    ('customer_analytics',  'monthly_rfm',          'recency is measured from the current date');

-- ---------------------------------------------------------------------------------------
-- Change capture. Each function records the buckets of the old and the new row in the
-- reporting time zone; the WHEN clauses keep rows of the open window from calling them.
CREATE FUNCTION analytics_control.capture_zone() RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce((SELECT time_zone FROM analytics_control.capture_setting), 'UTC');
END;

CREATE FUNCTION analytics_control.capture_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text := analytics_control.capture_zone();
    closed timestamptz := now() - interval '3 days';
BEGIN
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT v.report_schema, v.report_name, (v.at AT TIME ZONE zone)::date
    FROM (VALUES ('order_analytics', 'daily_orders', CASE WHEN TG_OP <> 'INSERT' THEN OLD.created_at END),
                 ('order_analytics', 'daily_orders', CASE WHEN TG_OP <> 'DELETE' THEN NEW.created_at END),
                 ('order_analytics', 'fulfillment_times', CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped_at END),
                 ('order_analytics', 'fulfillment_times', CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped_at END))
         AS v(report_schema, report_name, at)
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
BEGIN
    IF TG_OP <> 'DELETE' THEN
        SELECT o.created_at INTO created FROM wms.orders o WHERE o.order_id = NEW.order_id;
        IF created < now() - interval '3 days' THEN
            INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
            VALUES ('order_analytics', 'daily_orders', (created AT TIME ZONE analytics_control.capture_zone())::date)
            ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.order_id IS DISTINCT FROM NEW.order_id) THEN
        SELECT o.created_at INTO created FROM wms.orders o WHERE o.order_id = OLD.order_id;
        IF created < now() - interval '3 days' THEN
            INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
            VALUES ('order_analytics', 'daily_orders', (created AT TIME ZONE analytics_control.capture_zone())::date)
            ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_control.capture_stock_movements() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text := analytics_control.capture_zone();
BEGIN
    INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
    SELECT 'warehouse_analytics', 'daily_throughput', (v.at AT TIME ZONE zone)::date
    FROM (VALUES (CASE WHEN TG_OP <> 'INSERT' THEN OLD.moved_at END),
                 (CASE WHEN TG_OP <> 'DELETE' THEN NEW.moved_at END)) AS v(at)
    WHERE v.at < now() - interval '3 days'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE FUNCTION analytics_control.capture_shipments() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    zone text := analytics_control.capture_zone();
BEGIN
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
ALTER FUNCTION order_analytics.daily_orders_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION order_analytics.fulfillment_times_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION warehouse_analytics.daily_throughput_rows(date[], date) OWNER TO wms_analytics_user;
ALTER FUNCTION analytics.daily_kpis_rows(date[], date) OWNER TO wms_analytics_user;
REVOKE EXECUTE ON FUNCTION order_analytics.daily_orders_rows(date[], date), order_analytics.fulfillment_times_rows(date[], date),
    warehouse_analytics.daily_throughput_rows(date[], date), analytics.daily_kpis_rows(date[], date) FROM PUBLIC;
GRANT SELECT ON order_analytics.daily_orders, order_analytics.fulfillment_times, warehouse_analytics.daily_throughput,
    analytics.daily_kpis TO wms_bi_reader;
GRANT SELECT, UPDATE ON analytics_control.capture_setting, analytics_control.incremental_report TO wms_analytics_user;
GRANT SELECT, INSERT, DELETE ON analytics_control.dirty_bucket TO wms_analytics_user;
GRANT SELECT ON analytics_control.refresh_mode_reason TO wms_analytics_user;
