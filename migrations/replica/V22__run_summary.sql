-- Hourly summaries of the run history. A job on a seconds cadence records 8,640 runs a day at
-- 10 s, most of them alike. The housekeeping job folds the scheduled runs that succeeded, once
-- they are older than history.summarize-after, into one row per job and hour, and deletes them
-- with their gate and view rows. Failed, skipped, ungated and interrupted runs, retries and runs
-- from the command line stay in detail until history.retention, and so does each report's
-- latest successful refresh, which analytics.report_freshness shows.

CREATE TABLE analytics_control.refresh_run_summary (
    job                  text        NOT NULL,
    hour_start           timestamptz NOT NULL,
    runs                 integer     NOT NULL CHECK (runs > 0),
    fire_times           integer     NOT NULL CHECK (fire_times >= 0),
    first_scheduled_for  timestamptz,
    last_scheduled_for   timestamptz,
    first_started_at     timestamptz NOT NULL,
    last_finished_at     timestamptz NOT NULL,
    duration_p50_ms      bigint      NOT NULL CHECK (duration_p50_ms >= 0),
    duration_max_ms      bigint      NOT NULL CHECK (duration_max_ms >= 0),
    gate_waited_max_ms   bigint               CHECK (gate_waited_max_ms >= 0),
    data_age_max_ms      bigint,
    last_data_as_of      timestamptz,
    report_refreshes     bigint      NOT NULL CHECK (report_refreshes >= 0),
    PRIMARY KEY (job, hour_start)
);

CREATE INDEX refresh_run_summary_hour_start_idx ON analytics_control.refresh_run_summary (hour_start);

COMMENT ON TABLE analytics_control.refresh_run_summary IS
    'One row per job and hour for the scheduled runs that succeeded and were folded once older than history.summarize-after; the runs themselves are deleted.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.hour_start IS 'The hour the runs started in.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.runs IS 'How many runs were folded into this row.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.fire_times IS
    'How many distinct fire times they ran for: equal to runs when no fire time ran twice.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.first_scheduled_for IS 'The earliest fire time of the folded runs.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.last_scheduled_for IS 'The latest fire time of the folded runs.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.duration_p50_ms IS
    'The median run duration, in milliseconds (of the runs folded first, when an hour was folded in two steps).';
COMMENT ON COLUMN analytics_control.refresh_run_summary.duration_max_ms IS 'The longest run, in milliseconds.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.gate_waited_max_ms IS 'The longest wait of the catch-up gate, in milliseconds.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.data_age_max_ms IS
    'The largest age of the data a run finished with (finished_at - data_as_of), in milliseconds.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.last_data_as_of IS 'The latest data as of of the folded runs.';
COMMENT ON COLUMN analytics_control.refresh_run_summary.report_refreshes IS 'How many report refreshes the folded runs made.';

GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_control.refresh_run_summary TO wms_analytics_user;
