-- Each report's description, last successful refresh, the durations of its last 30
-- successful refreshes (oldest first) and its last failure since that success. Every lateral
-- walks refresh_run_view_latest_idx backwards, so the cost does not grow with the history;
-- that needs the names in the default collation (pg_matviews gives them as name, "C").
WITH reports AS (
    SELECT m.schemaname::text COLLATE "default" AS view_schema, m.matviewname::text COLLATE "default" AS view_name,
           c.oid AS relid
    FROM pg_catalog.pg_matviews m
    JOIN pg_catalog.pg_namespace n ON n.nspname = m.schemaname
    JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = m.matviewname
    WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL
    SELECT r.report_schema, r.report_name, c.oid
    FROM analytics_control.incremental_report r
    LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = r.report_schema
    LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = r.report_name
)
SELECT p.view_schema,
       p.view_name,
       pg_catalog.obj_description(p.relid, 'pg_class') AS description,
       l.finished_at,
       l.mode,
       l.duration_ms,
       l.row_count,
       d.durations,
       e.finished_at AS error_at,
       e.status AS error_status,
       e.sqlstate AS error_sqlstate,
       e.message AS error_message
FROM reports p
LEFT JOIN LATERAL (
    SELECT v.finished_at, v.mode, v.row_count,
           round(extract(epoch FROM v.finished_at - v.started_at) * 1000)::bigint AS duration_ms
    FROM analytics_control.refresh_run_view v
    WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
      AND v.status = 'succeeded' AND v.finished_at IS NOT NULL
    ORDER BY v.finished_at DESC
    LIMIT 1
) l ON true
LEFT JOIN LATERAL (
    SELECT array_agg(x.ms ORDER BY x.finished_at) AS durations
    FROM (
        SELECT v.finished_at, round(extract(epoch FROM v.finished_at - v.started_at) * 1000)::bigint AS ms
        FROM analytics_control.refresh_run_view v
        WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
          AND v.status = 'succeeded' AND v.finished_at IS NOT NULL AND v.started_at IS NOT NULL
        ORDER BY v.finished_at DESC
        LIMIT 30
    ) x
) d ON true
LEFT JOIN LATERAL (
    SELECT v.finished_at, v.status, v.sqlstate, v.message
    FROM analytics_control.refresh_run_view v
    WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
      AND v.status IN ('failed', 'blocked', 'locked', 'interrupted') AND v.finished_at IS NOT NULL
      AND v.finished_at > coalesce(l.finished_at, '-infinity')
    ORDER BY v.finished_at DESC
    LIMIT 1
) e ON true
ORDER BY p.view_schema, p.view_name
