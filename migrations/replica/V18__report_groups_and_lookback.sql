-- A report file may name several refresh groups ("group: hourly, daily"). Its first group stays
-- in refresh_group_member, one per report: the group whose freshness objective judges it, as
-- analytics.report_freshness and the freshness page show it. The groups after the first are
-- here: their jobs refresh the report too.
CREATE TABLE analytics_control.refresh_group_extra (
    view_schema    text NOT NULL,
    view_name      text NOT NULL,
    refresh_group  text NOT NULL CHECK (refresh_group ~ '^[a-z][a-z0-9_]*$'),
    PRIMARY KEY (view_schema, view_name, refresh_group)
);
COMMENT ON TABLE analytics_control.refresh_group_extra IS
    'The refresh groups of a report after its first (refresh_group_member): their jobs refresh it too.';

GRANT SELECT ON analytics_control.refresh_group_extra TO wms_analytics_user;

-- A by-time report file may read the buckets before its own ("lookback: N"): a change to bucket B
-- dirties B and the N buckets after it, in the generated capture and when a report it reads
-- passes its rewritten buckets on.
ALTER TABLE analytics_control.incremental_report ADD COLUMN lookback integer NOT NULL DEFAULT 0
    CHECK (lookback BETWEEN 0 AND 52);
COMMENT ON COLUMN analytics_control.incremental_report.lookback IS
    'For a report kept by time: how many buckets before its own a bucket''s row reads; a change dirties its bucket and as many after it.';

-- customer_analytics.customer_summary is now computed from its ledger customer_months, a
-- built-in report kept month by month; migrate rebuilds it from its file.
UPDATE analytics_control.refresh_mode_reason
SET reason = 'the days since the last order change daily for every customer; its totals come from the ledger customer_months, kept month by month'
WHERE view_schema = 'customer_analytics' AND view_name = 'customer_summary';
