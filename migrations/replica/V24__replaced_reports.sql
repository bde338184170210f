-- Report files of kind table: a table rebuilt from its definition at every refresh, its rows
-- replaced in the refresh's one transaction (DELETE, then INSERT of what its rows function
-- returns). Readers never wait and see the old rows until it commits, as with REFRESH
-- MATERIALIZED VIEW CONCURRENTLY; but that compares every old row with every new one, and sorts
-- the new ones by their whole image to look for duplicates, which costs more than the query
-- itself when most rows change at every refresh (a rank, a score, the days since a date). It is
-- registered in incremental_report with bucket_unit 'all' and no bucket column; nothing captures
-- its sources.
ALTER TABLE analytics_control.incremental_report DROP CONSTRAINT incremental_report_bucket_unit_check;
ALTER TABLE analytics_control.incremental_report
    ADD CONSTRAINT incremental_report_bucket_unit_check CHECK (bucket_unit IN ('day', 'week', 'month', 'key', 'all'));
ALTER TABLE analytics_control.incremental_report ALTER COLUMN bucket_column DROP NOT NULL;
ALTER TABLE analytics_control.incremental_report
    ADD CONSTRAINT incremental_report_bucket_column_check CHECK ((bucket_unit = 'all') = (bucket_column IS NULL));
COMMENT ON COLUMN analytics_control.incremental_report.bucket_unit IS
    'day, week or month for a report kept by time; key for one kept by key; all for one rebuilt at every refresh (kind table).';

ALTER TABLE analytics_control.report_file DROP CONSTRAINT report_file_kind_check;
ALTER TABLE analytics_control.report_file
    ADD CONSTRAINT report_file_kind_check CHECK (kind IN ('full', 'table', 'by-time', 'by-key'));
