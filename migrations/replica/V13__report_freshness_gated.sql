-- analytics.report_freshness: the data as of a BI tool shows is that of the newest successful
-- refresh that passed the catch-up gate, as `status`, the freshness page and the metrics show
-- it. Before, it was that of the newest success, and NULL when that one ran with --no-gate:
-- such a refresh does not make a report fresher, but the report still holds every commit the
-- last gate covered.
--
-- The names from pg_matviews are of type name, whose collation is "C"; compared with the
-- history's text columns in that collation, the history's index could not serve the lookups,
-- and the view read the whole history once per report (720 ms with 10,000 runs). The lookups
-- now compare in the default collation. The columns keep their names, types and collations.
CREATE OR REPLACE VIEW analytics.report_freshness AS
WITH reports AS (
    SELECT m.schemaname::text AS view_schema, m.matviewname::text AS view_name
    FROM pg_catalog.pg_matviews m
    WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT r.report_schema, r.report_name FROM analytics_control.incremental_report r
)
SELECT p.view_schema,
       p.view_name,
       g.refresh_group,
       s.finished_at AS last_success_at,
       d.data_as_of,
       round(extract(epoch FROM s.finished_at - s.started_at) * 1000)::bigint AS last_duration_ms,
       a.status AS last_status,
       a.attempted_at AS last_attempt_at
FROM reports p
LEFT JOIN analytics_control.refresh_group_member g
       ON g.view_schema = p.view_schema COLLATE "default" AND g.view_name = p.view_name COLLATE "default"
LEFT JOIN LATERAL (
    SELECT v.started_at, v.finished_at
    FROM analytics_control.refresh_run_view v
    WHERE v.view_schema = p.view_schema COLLATE "default" AND v.view_name = p.view_name COLLATE "default"
      AND v.status = 'succeeded' AND v.finished_at IS NOT NULL
    ORDER BY v.finished_at DESC
    LIMIT 1
) s ON true
LEFT JOIN LATERAL (
    SELECT r.data_as_of
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = p.view_schema COLLATE "default" AND v.view_name = p.view_name COLLATE "default"
      AND v.status = 'succeeded' AND v.finished_at IS NOT NULL
      AND r.status <> 'ungated' AND r.data_as_of IS NOT NULL
    ORDER BY v.finished_at DESC
    LIMIT 1
) d ON true
LEFT JOIN LATERAL (
    -- The newest attempt: a view row finished (any status), else one still running or
    -- pending, which is newer than every finished one.
    SELECT x.status, x.attempted_at
    FROM (
        (SELECT v.status, coalesce(v.started_at, r.started_at) AS attempted_at, 1 AS rank
         FROM analytics_control.refresh_run_view v
         JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
         WHERE v.view_schema = p.view_schema COLLATE "default" AND v.view_name = p.view_name COLLATE "default" AND v.finished_at IS NULL
         ORDER BY coalesce(v.started_at, r.started_at) DESC, v.run_id DESC
         LIMIT 1)
        UNION ALL
        (SELECT v.status, coalesce(v.started_at, r.started_at), 2
         FROM analytics_control.refresh_run_view v
         JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
         WHERE v.view_schema = p.view_schema COLLATE "default" AND v.view_name = p.view_name COLLATE "default" AND v.finished_at IS NOT NULL
         ORDER BY v.finished_at DESC, v.run_id DESC
         LIMIT 1)
    ) x
    ORDER BY x.attempted_at DESC, x.rank
    LIMIT 1
) a ON true;

COMMENT ON COLUMN analytics.report_freshness.data_as_of IS
    'The publisher commit time the catch-up gate of the newest successful gated refresh covered: every WMS commit before it is in the report. NULL until a refresh passes the gate.';
