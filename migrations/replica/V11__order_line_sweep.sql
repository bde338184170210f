-- New order lines are recorded by a sweep, not by a row trigger.
--
-- Order lines are the bulk of what the WMS writes, and a line carries no time of its own: its
-- bucket is its order's. A row trigger therefore had to call a function for every applied
-- line to look its order up, and that call alone cost the subscription's apply more than the
-- capture may (a quarter to a half of its throughput on bulk inserts, measured). Instead:
--   * Each line carries the id of the replica transaction that wrote it (applied_xid, the
--     64-bit id as a bigint), filled in by a column default. Logical replication fills a
--     mirror column that the publisher does not have from its default, so the apply worker
--     evaluates it without a call into PL/pgSQL. Lines written before this migration keep
--     NULL: the trigger recorded them.
--   * The index on applied_xid is a BRIN index. New lines go to the end of the table with
--     growing ids, so a block range holds a narrow span of them, and a BRIN index costs the
--     insert next to nothing: a B-tree, one more index entry per line, cost the apply a
--     measurable share of its throughput. The sweep reads the block ranges that can hold
--     ids at or above its mark, which are the recently written ones, and the block ranges
--     not summarized yet, which are too. So after each sweep the refresh summarizes the new
--     ranges (analytics_control.summarize_new_lines()); VACUUM also does. The index does not
--     ask autovacuum to summarize (autosummarize): under a bulk apply its requests overflow
--     autovacuum's queue and each one that is dropped writes a line to the server log.
--   * analytics_control.unswept_buckets() gives the buckets of the lines written since the
--     last sweep. It skips orders of the open window, as the other triggers' WHEN clauses do.
--   * analytics_control.sweep_order_lines() records those buckets in dirty_bucket and moves
--     the sweep's mark, in one statement and so one snapshot. The mark is that snapshot's
--     xmin: every transaction below it had ended when the sweep looked, so its lines were
--     seen; a transaction at or above it may not have been, and the next sweep reads it again.
--     Recording a bucket twice is harmless. The refresh sweeps, in a transaction of its own,
--     before each captured report; `verify` counts the unswept buckets as pending instead.
--   * Changed and deleted lines keep their row trigger: a line's update or delete is rare,
--     and the update does not touch applied_xid.

ALTER TABLE wms.order_lines ADD COLUMN applied_xid bigint;
ALTER TABLE wms.order_lines ALTER COLUMN applied_xid SET DEFAULT pg_current_xact_id()::text::bigint;
COMMENT ON COLUMN wms.order_lines.applied_xid IS
    'The replica transaction that wrote the line (a default; the publisher has no such column): how the change capture finds new lines.';
CREATE INDEX order_lines_applied_xid_idx ON wms.order_lines USING brin (applied_xid) WITH (pages_per_range = 32);

CREATE TABLE analytics_control.capture_sweep (
    source_table  regclass PRIMARY KEY,
    swept_below   bigint   NOT NULL
);
COMMENT ON TABLE analytics_control.capture_sweep IS
    'Tables whose new rows the refresh sweeps instead of a trigger: every row written by a transaction below swept_below has been recorded in dirty_bucket.';
-- This migration holds order_lines locked, so no line can be written by a transaction below
-- the current xmin from now on.
INSERT INTO analytics_control.capture_sweep VALUES ('wms.order_lines', pg_snapshot_xmin(pg_current_snapshot())::text::bigint);

-- The mark is a value the planner cannot see: it would estimate a third of the table at or
-- above it, scan all of it and hash every order. So the function forbids the sequential scan
-- (the BRIN index reads just the recent block ranges), and each new line's order is looked up
-- by its key in a subquery that LIMIT keeps from being flattened into a join.
CREATE FUNCTION analytics_control.unswept_buckets()
RETURNS TABLE (report_schema text, report_name text, bucket date)
LANGUAGE sql STABLE
SET enable_seqscan = off
BEGIN ATOMIC
    -- A week's row also reads the week before: a day dirties its week and the next.
    SELECT b.report_schema, b.report_name, b.bucket
    FROM (SELECT DISTINCT d.day
          FROM (SELECT DISTINCT l.order_id
                FROM analytics_control.capture_sweep w
                JOIN wms.order_lines l ON l.applied_xid >= w.swept_below
                WHERE w.source_table = 'wms.order_lines'::regclass
                  AND l.applied_xid IS NOT NULL
                  -- Nothing to record while every report fed by the sweep awaits a full
                  -- rebuild, as after setup has copied the whole history: the rebuild
                  -- reads every line below the mark.
                  AND EXISTS (SELECT FROM analytics_control.incremental_report r
                              WHERE (r.report_schema, r.report_name) IN (('order_analytics', 'daily_orders'),
                                                                         ('order_analytics', 'weekly_trends'))
                                AND NOT r.needs_full AND r.refreshed_at IS NOT NULL)) AS n
          CROSS JOIN LATERAL (SELECT (o.created_at AT TIME ZONE s.time_zone)::date AS day
                              FROM wms.orders o, analytics_control.capture_setting s
                              WHERE o.order_id = n.order_id
                                AND o.created_at < now() - s.open_window
                              LIMIT 1) AS d) AS c
    CROSS JOIN LATERAL (VALUES ('order_analytics', 'daily_orders', c.day),
                               ('order_analytics', 'weekly_trends', date_trunc('week', c.day)::date),
                               ('order_analytics', 'weekly_trends', date_trunc('week', c.day)::date + 7))
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
             SET swept_below = greatest(swept_below, pg_snapshot_xmin(pg_current_snapshot())::text::bigint)
             WHERE source_table = 'wms.order_lines'::regclass
             RETURNING 1)
    SELECT count(*) FROM recorded;
END;
COMMENT ON FUNCTION analytics_control.sweep_order_lines() IS
    'Records the buckets of the order lines written since the last sweep and moves the mark; returns the buckets newly recorded.';

-- Summarizing takes a lock that VACUUM also takes: rather than wait, the sweep leaves the
-- ranges to VACUUM, which summarizes them too. Without ownership of the table the same holds.
CREATE FUNCTION analytics_control.summarize_new_lines()
RETURNS integer
LANGUAGE plpgsql
SET lock_timeout = '100ms'
AS $$
BEGIN
    RETURN brin_summarize_new_values('wms.order_lines_applied_xid_idx'::regclass);
EXCEPTION WHEN lock_not_available OR insufficient_privilege THEN
    RETURN 0;
END;
$$;
COMMENT ON FUNCTION analytics_control.summarize_new_lines() IS
    'Summarizes the block ranges of the order lines'' BRIN index written since the last time, unless VACUUM holds the table; returns the ranges summarized.';

-- The line trigger now fires for changes and deletes only.
DROP TRIGGER capture_change ON wms.order_lines;
CREATE TRIGGER capture_change AFTER UPDATE OR DELETE ON wms.order_lines FOR EACH ROW
    EXECUTE FUNCTION analytics_control.capture_order_lines();
ALTER TABLE wms.order_lines ENABLE ALWAYS TRIGGER capture_change;
