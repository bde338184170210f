-- The built-in incremental reports become report files, and their hand-written capture is
-- retired.
--
-- daily_orders, fulfillment_times, daily_throughput, daily_kpis and monthly_movement_value are
-- now files in the program (reports/builtin/), declared by-time, and weekly_trends is a full
-- report over the new by-time ledger weekly_orders. After the versioned migrations, migrate
-- rebuilds each from its file, in a transaction of its own, and installs its generated
-- capture: nothing hand-written fires on the mirror any more. V10 and V11 stay, as the upgrade
-- path of replicas made by earlier versions.
--
-- Between this migration and each report's rebuild, a report not yet installed from its file
-- has no capture; the refresh rebuilds such a report in full each time (ReportState), so it
-- is never stale for lack of it. That holds too if migrate stops in between.

DROP TRIGGER capture_insert ON wms.orders;
DROP TRIGGER capture_update ON wms.orders;
DROP TRIGGER capture_delete ON wms.orders;
DROP TRIGGER capture_truncate ON wms.orders;
DROP TRIGGER capture_change ON wms.order_lines;
DROP TRIGGER capture_truncate ON wms.order_lines;
DROP TRIGGER capture_insert ON wms.stock_movements;
DROP TRIGGER capture_update ON wms.stock_movements;
DROP TRIGGER capture_delete ON wms.stock_movements;
DROP TRIGGER capture_truncate ON wms.stock_movements;
DROP TRIGGER capture_insert ON wms.shipments;
DROP TRIGGER capture_update ON wms.shipments;
DROP TRIGGER capture_delete ON wms.shipments;
DROP TRIGGER capture_truncate ON wms.shipments;
DROP TRIGGER capture_rebuild ON wms.locations;
DROP TRIGGER capture_rebuild_delete ON wms.locations;
DROP TRIGGER capture_truncate ON wms.locations;
DROP TRIGGER capture_rebuild ON wms.products;
DROP TRIGGER capture_rebuild_delete ON wms.products;
DROP TRIGGER capture_truncate ON wms.products;

DROP FUNCTION analytics_control.capture_orders();
DROP FUNCTION analytics_control.capture_order_lines();
DROP FUNCTION analytics_control.capture_stock_movements();
DROP FUNCTION analytics_control.capture_shipments();
DROP FUNCTION analytics_control.capture_rebuild();

-- The order lines' sweep of V11: the generated sweeps (analytics_control.report_sweep) replace
-- it. The lines keep their applied_xid column and its BRIN index, which the generated sweeps
-- read.
DROP FUNCTION analytics_control.sweep_order_lines();
DROP FUNCTION analytics_control.unswept_buckets();
DROP FUNCTION analytics_control.summarize_new_lines();
DROP TABLE analytics_control.capture_sweep;

-- weekly_trends' range of weeks moved with its data; as a full report over its ledger it
-- needs no extent, and no other report has one.
DROP FUNCTION order_analytics.weekly_trends_extent();
ALTER TABLE analytics_control.incremental_report DROP COLUMN extent;

UPDATE analytics_control.incremental_report
SET needs_full = true, full_reason = 'its capture moves to its report file; migrate rebuilds it from the file'
WHERE (report_schema, report_name) IN (('order_analytics', 'daily_orders'), ('order_analytics', 'fulfillment_times'),
                                       ('warehouse_analytics', 'daily_throughput'), ('analytics', 'daily_kpis'),
                                       ('order_analytics', 'weekly_trends'),
                                       ('inventory_analytics', 'monthly_movement_value'));

INSERT INTO analytics_control.refresh_mode_reason (view_schema, view_name, reason) VALUES
    ('order_analytics', 'weekly_trends',
     'week_complete is measured from the current date; computed from its incremental ledger weekly_orders');

COMMENT ON TABLE analytics_control.capture_setting IS
    'What the generated change capture needs: the reporting time zone of the buckets (written by the refresh) and the open window, which migrate writes into the capture''s WHEN clauses.';

COMMENT ON TABLE analytics_control.report_sweep IS
    'Sources of report files whose new rows the refresh sweeps (no trigger fires on an insert): every row written by a transaction below swept_below has been recorded.';

-- The generated capture of updates and deletes is one row trigger per mirror table and event,
-- whatever the number of reports that read the table: each report file's declaration adds its
-- parts here (a condition on OLD and NEW, and the statements that record its buckets or keys
-- when it holds), and migrate makes the table's trigger and function from the parts, in the
-- transaction that installs or drops the report. An update of wms.orders, which four built-in
-- reports read, evaluates one WHEN clause and calls at most one function, not four.
CREATE TABLE analytics_control.capture_part (
    report_schema  text     NOT NULL,
    report_name    text     NOT NULL,
    source_table   regclass NOT NULL,
    event          text     NOT NULL CHECK (event IN ('UPDATE', 'DELETE')),
    part           integer  NOT NULL,
    condition      text     NOT NULL,
    body           text     NOT NULL,
    PRIMARY KEY (report_schema, report_name, source_table, event, part)
);
COMMENT ON TABLE analytics_control.capture_part IS
    'The parts of the generated capture triggers of the wms mirror, one per report, source and event: a condition on OLD and NEW, and the PL/pgSQL statements that record the report''s buckets or keys when it holds. Written by migrate.';

-- The refresher reads it (a backup dumps the control schema); only migrate writes it.
GRANT SELECT ON analytics_control.capture_part TO wms_analytics_user;

UPDATE analytics_control.refresh_mode_reason
SET reason = 'recency is measured from the current date; computed from the incremental ledger customer_months'
WHERE view_schema = 'customer_analytics' AND view_name = 'monthly_rfm';
