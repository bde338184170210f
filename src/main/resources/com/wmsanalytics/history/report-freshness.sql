-- The columns of analytics.report_freshness, with the data as of of the newest successful
-- refresh that passed the catch-up gate. Report names are compared in the default collation
-- (pg_matviews gives them as name, collation "C"), so that every lateral walks
-- refresh_run_view_latest_idx instead of scanning the history once per report.
WITH reports AS (
    SELECT m.schemaname::text COLLATE "default" AS view_schema, m.matviewname::text COLLATE "default" AS view_name
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
       ON g.view_schema = p.view_schema AND g.view_name = p.view_name
LEFT JOIN LATERAL (
    SELECT v.started_at, v.finished_at
    FROM analytics_control.refresh_run_view v
    WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
      AND v.status = 'succeeded' AND v.finished_at IS NOT NULL
    ORDER BY v.finished_at DESC
    LIMIT 1
) s ON true
LEFT JOIN LATERAL (
    SELECT r.data_as_of
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
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
         WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name AND v.finished_at IS NULL
         ORDER BY coalesce(v.started_at, r.started_at) DESC, v.run_id DESC
         LIMIT 1)
        UNION ALL
        (SELECT v.status, coalesce(v.started_at, r.started_at), 2
         FROM analytics_control.refresh_run_view v
         JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
         WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name AND v.finished_at IS NOT NULL
         ORDER BY v.finished_at DESC, v.run_id DESC
         LIMIT 1)
    ) x
    ORDER BY x.attempted_at DESC, x.rank
    LIMIT 1
) a ON true
ORDER BY p.view_schema, p.view_name
