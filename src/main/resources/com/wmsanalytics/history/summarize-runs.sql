-- Folds the scheduled runs that succeeded and started in a whole hour (UTC) before the cutoff
-- into one row of refresh_run_summary per job and hour, and deletes them: their gate and view
-- rows go with them. Each report's latest successful refresh stays in detail, so that
-- analytics.report_freshness and the freshness page still find it. Every part of the statement
-- reads the history as it was before the delete, so the view rows of the folded runs are still
-- counted. An hour folded in two steps (a run that was still running at the first) is merged:
-- counts add up, extremes are kept, and the median stays that of the first step.
-- The parameter: the cutoff, now() - history.summarize-after.
WITH reports AS (
    SELECT m.schemaname::text COLLATE "default" AS view_schema, m.matviewname::text COLLATE "default" AS view_name
    FROM pg_catalog.pg_matviews m
    WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema')
    UNION
    SELECT r.report_schema, r.report_name
    FROM analytics_control.incremental_report r
), kept AS (
    SELECT l.run_id
    FROM reports p
    CROSS JOIN LATERAL (
        SELECT v.run_id
        FROM analytics_control.refresh_run_view v
        WHERE v.view_schema = p.view_schema AND v.view_name = p.view_name
          AND v.status = 'succeeded' AND v.finished_at IS NOT NULL
        ORDER BY v.finished_at DESC
        LIMIT 1
    ) l
), folded AS (
    DELETE FROM analytics_control.refresh_run r
    WHERE r.trigger = 'schedule'
      AND r.status = 'succeeded'
      AND r.started_at < date_trunc('hour', ?::timestamptz, 'UTC')
      AND r.run_id NOT IN (SELECT k.run_id FROM kept k)
    RETURNING r.run_id, r.job, r.scheduled_for, r.started_at, r.finished_at, r.gate_waited_ms, r.data_as_of
), per_run AS (
    SELECT f.job,
           date_trunc('hour', f.started_at, 'UTC')                                      AS hour_start,
           f.scheduled_for,
           f.started_at,
           f.finished_at,
           round(extract(epoch FROM f.finished_at - f.started_at) * 1000)::bigint       AS duration_ms,
           f.gate_waited_ms,
           round(extract(epoch FROM f.finished_at - f.data_as_of) * 1000)::bigint       AS data_age_ms,
           f.data_as_of,
           (SELECT count(*) FROM analytics_control.refresh_run_view v WHERE v.run_id = f.run_id) AS refreshes
    FROM folded f
), hours AS (
    SELECT job,
           hour_start,
           count(*)::integer                                                   AS runs,
           count(DISTINCT scheduled_for)::integer                              AS fire_times,
           min(scheduled_for)                                                  AS first_scheduled_for,
           max(scheduled_for)                                                  AS last_scheduled_for,
           min(started_at)                                                     AS first_started_at,
           max(finished_at)                                                    AS last_finished_at,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms)            AS duration_p50_ms,
           max(duration_ms)                                                    AS duration_max_ms,
           max(gate_waited_ms)                                                 AS gate_waited_max_ms,
           max(data_age_ms)                                                    AS data_age_max_ms,
           max(data_as_of)                                                     AS last_data_as_of,
           sum(refreshes)::bigint                                              AS report_refreshes
    FROM per_run
    GROUP BY job, hour_start
), written AS (
    INSERT INTO analytics_control.refresh_run_summary AS s (
        job, hour_start, runs, fire_times, first_scheduled_for, last_scheduled_for, first_started_at,
        last_finished_at, duration_p50_ms, duration_max_ms, gate_waited_max_ms, data_age_max_ms,
        last_data_as_of, report_refreshes)
    SELECT job, hour_start, runs, fire_times, first_scheduled_for, last_scheduled_for, first_started_at,
           last_finished_at, duration_p50_ms, duration_max_ms, gate_waited_max_ms, data_age_max_ms,
           last_data_as_of, report_refreshes
    FROM hours
    ON CONFLICT (job, hour_start) DO UPDATE SET
        runs                = s.runs + EXCLUDED.runs,
        fire_times          = s.fire_times + EXCLUDED.fire_times,
        first_scheduled_for = LEAST(s.first_scheduled_for, EXCLUDED.first_scheduled_for),
        last_scheduled_for  = GREATEST(s.last_scheduled_for, EXCLUDED.last_scheduled_for),
        first_started_at    = LEAST(s.first_started_at, EXCLUDED.first_started_at),
        last_finished_at    = GREATEST(s.last_finished_at, EXCLUDED.last_finished_at),
        duration_max_ms     = GREATEST(s.duration_max_ms, EXCLUDED.duration_max_ms),
        gate_waited_max_ms  = GREATEST(s.gate_waited_max_ms, EXCLUDED.gate_waited_max_ms),
        data_age_max_ms     = GREATEST(s.data_age_max_ms, EXCLUDED.data_age_max_ms),
        last_data_as_of     = GREATEST(s.last_data_as_of, EXCLUDED.last_data_as_of),
        report_refreshes    = s.report_refreshes + EXCLUDED.report_refreshes
    RETURNING 1
)
SELECT (SELECT count(*) FROM folded)::integer  AS runs,
       (SELECT count(*) FROM written)::integer AS hours
