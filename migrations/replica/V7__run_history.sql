-- Run history: one row per refresh run, one per publisher the catch-up gate checked and
-- one per view the run planned. analytics.report_freshness turns it into what BI tools
-- need: each report's last success and the "data as of" of that success.
--
-- Times are the wms-analytics process's clock, stored as timestamptz. A run's liveness is
-- not stored: the process running it holds a session-level advisory lock keyed by its
-- run_id, and a 'running' run whose lock is free belonged to a process that died.
-- The retention job deletes runs; their gate and view rows go with them.

CREATE TABLE analytics_control.refresh_run (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job             text NOT NULL,
    trigger         text NOT NULL CHECK (trigger IN ('schedule', 'cli', 'retry')),
    retry_of        bigint REFERENCES analytics_control.refresh_run (run_id) ON DELETE SET NULL,
    requested_by    text NOT NULL,
    host            text NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    status          text NOT NULL
        CHECK (status IN ('running', 'succeeded', 'failed', 'skipped', 'ungated', 'interrupted')),
    gate_waited_ms  bigint CHECK (gate_waited_ms >= 0),
    data_as_of      timestamptz,
    error           text,
    CHECK ((status = 'running') = (finished_at IS NULL))
);

CREATE INDEX refresh_run_started_at_idx ON analytics_control.refresh_run (started_at);
CREATE INDEX refresh_run_running_idx ON analytics_control.refresh_run (run_id) WHERE status = 'running';
-- Deleting a run sets retry_of to NULL in its retries; this index finds them.
CREATE INDEX refresh_run_retry_of_idx ON analytics_control.refresh_run (retry_of) WHERE retry_of IS NOT NULL;

COMMENT ON TABLE analytics_control.refresh_run IS
    'One row per refresh run of wms-analytics: who started it, why, how long the catch-up gate waited, and how it ended.';
COMMENT ON COLUMN analytics_control.refresh_run.job IS 'The refresh job (daily, weekly, monthly...) or adhoc for a refresh of chosen views.';
COMMENT ON COLUMN analytics_control.refresh_run.trigger IS 'schedule (the service fired it), cli (someone ran it) or retry (a retry of a run that did not succeed).';
COMMENT ON COLUMN analytics_control.refresh_run.retry_of IS 'For a retry: the first run of its retry chain. NULL once that run is purged.';
COMMENT ON COLUMN analytics_control.refresh_run.requested_by IS 'The operating-system user of the process that started the run.';
COMMENT ON COLUMN analytics_control.refresh_run.host IS 'The host of the process that started the run.';
COMMENT ON COLUMN analytics_control.refresh_run.finished_at IS 'When the run ended; for an interrupted run, when its death was noticed. NULL while running.';
COMMENT ON COLUMN analytics_control.refresh_run.status IS
    'running; succeeded; failed; skipped (the gate was not satisfied, nothing refreshed); ungated (refreshed without a satisfied gate); interrupted (its process ended before it finished).';
COMMENT ON COLUMN analytics_control.refresh_run.gate_waited_ms IS 'How long the catch-up gate waited, in milliseconds. NULL if the gate did not run.';
COMMENT ON COLUMN analytics_control.refresh_run.data_as_of IS
    'The earliest publisher time of the satisfied gate: every primary commit before it is in the views this run refreshed. NULL without a satisfied gate.';
COMMENT ON COLUMN analytics_control.refresh_run.error IS 'Why the run failed, was skipped or was interrupted.';

CREATE TABLE analytics_control.refresh_run_gate (
    run_id                 bigint NOT NULL REFERENCES analytics_control.refresh_run (run_id) ON DELETE CASCADE,
    publisher              text NOT NULL,
    subscription           text NOT NULL,
    target_lsn             pg_lsn,
    publisher_time         timestamptz,
    bytes_behind_at_start  bigint,
    waited_ms              bigint NOT NULL CHECK (waited_ms >= 0),
    outcome                text NOT NULL,
    detail                 text,
    PRIMARY KEY (run_id, publisher)
);

COMMENT ON TABLE analytics_control.refresh_run_gate IS
    'One row per run and publisher: what the catch-up gate waited for on that publisher and how it ended.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.publisher IS 'The publisher''s name in the wms-analytics configuration.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.subscription IS 'The replica''s subscription to that publisher.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.target_lsn IS 'pg_current_wal_lsn() on the publisher when the gate started; the replica had to apply up to it.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.publisher_time IS 'The publisher''s now() read together with target_lsn.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.bytes_behind_at_start IS 'How far the replica was behind target_lsn when the gate started, in bytes of WAL.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.waited_ms IS 'How long the gate waited for this publisher, in milliseconds.';
COMMENT ON COLUMN analytics_control.refresh_run_gate.outcome IS 'How the wait ended: caught_up, timeout, subscription_disabled...';
COMMENT ON COLUMN analytics_control.refresh_run_gate.detail IS 'A readable explanation of the outcome, such as the bytes still behind at the timeout.';

CREATE TABLE analytics_control.refresh_run_view (
    run_id       bigint NOT NULL REFERENCES analytics_control.refresh_run (run_id) ON DELETE CASCADE,
    view_schema  text NOT NULL,
    view_name    text NOT NULL,
    mode         text CHECK (mode IN ('concurrent', 'plain')),
    status       text NOT NULL
        CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'blocked', 'locked', 'interrupted')),
    started_at   timestamptz,
    finished_at  timestamptz,
    row_count    bigint,
    sqlstate     text,
    message      text,
    PRIMARY KEY (run_id, view_schema, view_name)
);

CREATE INDEX refresh_run_view_latest_idx ON analytics_control.refresh_run_view (view_schema, view_name, finished_at);

COMMENT ON TABLE analytics_control.refresh_run_view IS
    'One row per run and materialized view the run planned to refresh, with the outcome of that refresh.';
COMMENT ON COLUMN analytics_control.refresh_run_view.mode IS 'concurrent (REFRESH ... CONCURRENTLY, readers not blocked) or plain.';
COMMENT ON COLUMN analytics_control.refresh_run_view.status IS
    'pending; running; succeeded; failed; blocked (a view it depends on failed); locked (another refresh held it); interrupted (the run''s process ended).';
COMMENT ON COLUMN analytics_control.refresh_run_view.row_count IS 'Rows in the view after the refresh.';
COMMENT ON COLUMN analytics_control.refresh_run_view.sqlstate IS 'The SQLSTATE of the error that failed the refresh.';
COMMENT ON COLUMN analytics_control.refresh_run_view.message IS 'The error message, or why the view was blocked or locked.';

-- ---------------------------------------------------------------------------------------
-- analytics.report_freshness: what BI tools show next to a report.
CREATE VIEW analytics.report_freshness AS
SELECT m.schemaname::text        AS view_schema,
       m.matviewname::text       AS view_name,
       g.refresh_group,
       s.finished_at             AS last_success_at,
       s.data_as_of,
       s.duration_ms             AS last_duration_ms,
       a.status                  AS last_status,
       a.attempted_at            AS last_attempt_at
FROM pg_catalog.pg_matviews m
LEFT JOIN analytics_control.refresh_group_member g
       ON g.view_schema = m.schemaname AND g.view_name = m.matviewname
LEFT JOIN LATERAL (
    SELECT v.finished_at,
           CASE WHEN r.status <> 'ungated' THEN r.data_as_of END                    AS data_as_of,
           round(extract(epoch FROM v.finished_at - v.started_at) * 1000)::bigint     AS duration_ms
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = m.schemaname AND v.view_name = m.matviewname AND v.status = 'succeeded'
    ORDER BY v.finished_at DESC NULLS LAST, v.run_id DESC
    LIMIT 1
) s ON true
LEFT JOIN LATERAL (
    SELECT v.status,
           coalesce(v.started_at, r.started_at)                                        AS attempted_at
    FROM analytics_control.refresh_run_view v
    JOIN analytics_control.refresh_run r ON r.run_id = v.run_id
    WHERE v.view_schema = m.schemaname AND v.view_name = m.matviewname
    ORDER BY coalesce(v.started_at, r.started_at) DESC, v.run_id DESC
    LIMIT 1
) a ON true
WHERE m.schemaname NOT IN ('pg_catalog', 'information_schema');

COMMENT ON VIEW analytics.report_freshness IS
    'Each materialized view with its refresh group, its last successful refresh and the data as of that refresh, and its last attempt. Views never refreshed by wms-analytics have NULLs.';
COMMENT ON COLUMN analytics.report_freshness.last_success_at IS 'When the latest successful refresh of the view finished.';
COMMENT ON COLUMN analytics.report_freshness.data_as_of IS
    'Every primary commit before this time is in the view, as of its last success. NULL if that refresh ran without a satisfied catch-up gate.';
COMMENT ON COLUMN analytics.report_freshness.last_duration_ms IS 'How long the latest successful refresh took, in milliseconds.';
COMMENT ON COLUMN analytics.report_freshness.last_status IS 'The status of the latest attempt to refresh the view, successful or not.';
COMMENT ON COLUMN analytics.report_freshness.last_attempt_at IS 'When the latest attempt started (its run''s start if the view never started).';

-- ---------------------------------------------------------------------------------------
-- Grants. The refresher writes the history and purges it; BI reads only the freshness
-- view, which reads the control tables with its owner's rights.
GRANT SELECT, INSERT, UPDATE, DELETE
    ON analytics_control.refresh_run, analytics_control.refresh_run_gate, analytics_control.refresh_run_view
    TO wms_analytics_user;
GRANT USAGE ON SEQUENCE analytics_control.refresh_run_run_id_seq TO wms_analytics_user;
GRANT SELECT ON analytics.report_freshness TO wms_bi_reader, wms_analytics_user;
