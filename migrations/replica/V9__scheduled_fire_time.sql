-- The fire time a scheduled run was for. Several service instances share one schedule; the
-- history proves that each firing ran exactly once, and a recovered or retried run names the
-- firing it belongs to. NULL for runs started from the command line.

ALTER TABLE analytics_control.refresh_run ADD COLUMN scheduled_for timestamptz;

COMMENT ON COLUMN analytics_control.refresh_run.scheduled_for IS
    'The scheduled fire time this run executes (also for its retries); NULL for ad hoc runs.';

CREATE INDEX refresh_run_job_scheduled_for_idx
    ON analytics_control.refresh_run (job, scheduled_for) WHERE scheduled_for IS NOT NULL;
