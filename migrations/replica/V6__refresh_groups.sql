-- Which refresh group each materialized view belongs to. `refresh --group daily` and the
-- scheduled jobs refresh the members of a group; the refresh order within a group comes
-- from the catalog's dependencies, not from this table. A new view joins a group in the
-- same migration that creates it.

-- Flyway creates the schema analytics_control before the first migration: its history
-- table lives there.
COMMENT ON SCHEMA analytics_control IS 'wms-analytics control tables: refresh groups, run history, scheduler.';

CREATE TABLE analytics_control.refresh_group_member (
    view_schema    text NOT NULL,
    view_name      text NOT NULL,
    refresh_group  text NOT NULL CHECK (refresh_group ~ '^[a-z][a-z0-9_]*$'),
    PRIMARY KEY (view_schema, view_name)
);
COMMENT ON TABLE analytics_control.refresh_group_member IS
    'The refresh group (daily, weekly, monthly) of each materialized view.';

INSERT INTO analytics_control.refresh_group_member (view_schema, view_name, refresh_group) VALUES
    ('order_analytics',     'daily_orders',          'daily'),
    ('order_analytics',     'fulfillment_times',     'daily'),
    ('warehouse_analytics', 'daily_throughput',      'daily'),
    ('inventory_analytics', 'stock_levels',          'daily'),
    ('analytics',           'daily_kpis',            'daily'),
    ('order_analytics',     'weekly_trends',         'weekly'),
    ('inventory_analytics', 'slow_movers',           'weekly'),
    ('warehouse_analytics', 'location_utilization',  'weekly'),
    ('customer_analytics',  'customer_summary',      'weekly'),
    ('inventory_analytics', 'monthly_turnover',      'monthly'),
    ('inventory_analytics', 'abc_classification',    'monthly'),
    ('customer_analytics',  'monthly_rfm',           'monthly');

GRANT USAGE ON SCHEMA analytics_control TO wms_analytics_user;
GRANT SELECT ON analytics_control.refresh_group_member TO wms_analytics_user;
