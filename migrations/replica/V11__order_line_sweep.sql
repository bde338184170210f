-- New order lines are recorded by a sweep, not by a row trigger.
--
-- Order lines are the bulk of what the WMS writes, and a line carries no time of its own: its
-- bucket is its order's. A row trigger therefore had to call a function for every applied
-- line to look its order up, and that call alone cost the subscription's apply more than the
-- capture may (a quarter to a half of its throughput on bulk inserts, measured). Instead:
--   * Each line carries the id of the replica transaction that wrote it (applied_xid), filled
--     in by a column default. Logical replication fills a mirror column that the publisher
--     does not have from its default, so the apply worker evaluates it without a call into
--     PL/pgSQL. Lines written before this migration keep NULL: the trigger recorded them.
--   * analytics_control.unswept_buckets() gives the buckets of the lines written since the
--     last sweep, read through an index on applied_xid. It skips orders of the open window,
--     as the other triggers' WHEN clauses do.
--   * analytics_control.sweep_order_lines() records those buckets in dirty_bucket and moves
--     the sweep's mark, in one statement and so one snapshot. The mark is that snapshot's
--     xmin: every transaction below it had ended when the sweep looked, so its lines were
--     seen; a transaction at or above it may not have been, and the next sweep reads it again.
--     Recording a bucket twice is harmless. The refresh sweeps, in a transaction of its own,
--     before each captured report; `verify` counts the unswept buckets as pending instead.
--   * Changed and deleted lines keep their row trigger: a line's update or delete is rare,
--     and the update does not touch applied_xid.

ALTER TABLE wms.order_lines ADD COLUMN applied_xid xid8;
ALTER TABLE wms.order_lines ALTER COLUMN applied_xid SET DEFAULT pg_current_xact_id();
COMMENT ON COLUMN wms.order_lines.applied_xid IS
    'The replica transaction that wrote the line (a default; the publisher has no such column): how the change capture finds new lines.';
CREATE INDEX order_lines_applied_xid_idx ON wms.order_lines (applied_xid) WHERE applied_xid IS NOT NULL;

CREATE TABLE analytics_control.capture_sweep (
    source_table  regclass PRIMARY KEY,
    swept_below   xid8     NOT NULL
);
COMMENT ON TABLE analytics_control.capture_sweep IS
    'Tables whose new rows the refresh sweeps instead of a trigger: every row written by a transaction below swept_below has been recorded in dirty_bucket.';
-- This migration holds order_lines locked, so no line can be written by a transaction below
-- the current xmin from now on.
INSERT INTO analytics_control.capture_sweep VALUES ('wms.order_lines', pg_snapshot_xmin(pg_current_snapshot()));

CREATE FUNCTION analytics_control.unswept_buckets()
RETURNS TABLE (report_schema text, report_name text, bucket date)
LANGUAGE sql STABLE
BEGIN ATOMIC
    -- A week's row also reads the week before: a day dirties its week and the next.
    SELECT b.report_schema, b.report_name, b.bucket
    FROM (SELECT DISTINCT (o.created_at AT TIME ZONE s.time_zone)::date AS day
          FROM analytics_control.capture_setting s
          CROSS JOIN analytics_control.capture_sweep w
          JOIN wms.order_lines l ON l.applied_xid >= w.swept_below
          JOIN wms.orders o ON o.order_id = l.order_id
          WHERE w.source_table = 'wms.order_lines'::regclass
            AND l.applied_xid IS NOT NULL
            AND o.created_at < now() - s.open_window) AS n
    CROSS JOIN LATERAL (VALUES ('order_analytics', 'daily_orders', n.day),
                               ('order_analytics', 'weekly_trends', date_trunc('week', n.day)::date),
                               ('order_analytics', 'weekly_trends', date_trunc('week', n.day)::date + 7))
        AS b(report_schema, report_name, bucket);
END;
COMMENT ON FUNCTION analytics_control.unswept_buckets() IS
    'The dirty buckets of the order lines written since the last sweep, outside the open window.';

CREATE FUNCTION analytics_control.sweep_order_lines()
RETURNS bigint
LANGUAGE sql
BEGIN ATOMIC
    WITH recorded AS (
             INSERT INTO analytics_control.dirty_bucket (report_schema, report_name, bucket)
             SELECT u.report_schema, u.report_name, u.bucket FROM analytics_control.unswept_buckets() u
             ON CONFLICT DO NOTHING
             RETURNING 1),
         marked AS (
             UPDATE analytics_control.capture_sweep
             SET swept_below = greatest(swept_below, pg_snapshot_xmin(pg_current_snapshot()))
             WHERE source_table = 'wms.order_lines'::regclass
             RETURNING 1)
    SELECT count(*) FROM recorded;
END;
COMMENT ON FUNCTION analytics_control.sweep_order_lines() IS
    'Records the buckets of the order lines written since the last sweep and moves the mark; returns the buckets newly recorded.';

-- The line trigger now fires for changes and deletes only.
DROP TRIGGER capture_change ON wms.order_lines;
CREATE TRIGGER capture_change AFTER UPDATE OR DELETE ON wms.order_lines FOR EACH ROW
    EXECUTE FUNCTION analytics_control.capture_order_lines();
ALTER TABLE wms.order_lines ENABLE ALWAYS TRIGGER capture_change;
