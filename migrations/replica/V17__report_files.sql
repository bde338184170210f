-- Report files: the reports a BI team declares in reports.dir, one SQL file each. migrate
-- installs each one, with Flyway (one repeatable Java migration per report, recorded in
-- flyway_schema_history with its checksum), and records here what it installed: the
-- fingerprint of the file and the one that covers the reports it reads too, so that an edit
-- rebuilds the report and the reports that read it, and nothing else.
CREATE TABLE analytics_control.report_file (
    report_schema     text NOT NULL,
    report_name       text NOT NULL,
    file              text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('full', 'by-time', 'by-key')),
    refresh_group     text CHECK (refresh_group ~ '^[a-z][a-z0-9_]*$'),
    unique_key        text[] NOT NULL DEFAULT '{}',
    warn_after        interval,
    error_after       interval,
    own_fingerprint   text NOT NULL,
    fingerprint       text NOT NULL,
    migration         text NOT NULL,
    installed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (report_schema, report_name),
    CHECK (warn_after IS NULL OR error_after IS NULL OR warn_after <= error_after)
);
COMMENT ON TABLE analytics_control.report_file IS
    'The reports installed from report files (reports.dir): their file, kind, group, objective and fingerprints.';
COMMENT ON COLUMN analytics_control.report_file.own_fingerprint IS 'SHA-256 of the file as migrate read it.';
COMMENT ON COLUMN analytics_control.report_file.fingerprint IS
    'SHA-256 of the file and of the fingerprints of the reports it reads: a change to either rebuilds it.';
COMMENT ON COLUMN analytics_control.report_file.migration IS 'The description of its repeatable migration in flyway_schema_history.';

GRANT SELECT ON analytics_control.report_file TO wms_analytics_user;

-- New rows of a by-time report's child source (order lines, say: their bucket is their parent
-- row's) are swept, not triggered, as the built-in capture does for wms.order_lines (V11): the
-- table carries applied_xid, the id of the replica transaction that wrote the row (a column
-- default, which the apply worker evaluates without a call), with a BRIN index; before each
-- refresh of the report, its generated sweep function records the buckets of the rows written
-- since its mark and moves the mark, in one statement. unswept names the generated function
-- that lists those buckets without recording them, for verify.
CREATE TABLE analytics_control.report_sweep (
    report_schema  text         NOT NULL,
    report_name    text         NOT NULL,
    source_table   regclass     NOT NULL,
    swept_below    bigint       NOT NULL,
    sweep          regprocedure NOT NULL,
    unswept        regprocedure NOT NULL,
    PRIMARY KEY (report_schema, report_name, source_table)
);
COMMENT ON TABLE analytics_control.report_sweep IS
    'Child sources of by-time report files whose new rows the refresh sweeps: every row written by a transaction below swept_below has been recorded in dirty_bucket.';

GRANT SELECT, UPDATE ON analytics_control.report_sweep TO wms_analytics_user;

-- Summarizes the BRIN ranges of a swept table written since the last time, unless VACUUM holds
-- the table or the role may not; VACUUM summarizes them too.
CREATE FUNCTION analytics_control.summarize_applied_xid(source regclass)
RETURNS integer
LANGUAGE plpgsql
SET lock_timeout = '100ms'
AS $$
DECLARE
    brin regclass;
    summarized integer := 0;
BEGIN
    FOR brin IN
        SELECT i.indexrelid::regclass FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
        JOIN pg_catalog.pg_am a ON a.oid = c.relam AND a.amname = 'brin'
        JOIN pg_catalog.pg_attribute t ON t.attrelid = i.indrelid AND t.attnum = i.indkey[0] AND t.attname = 'applied_xid'
        WHERE i.indrelid = source
    LOOP
        summarized := summarized + pg_catalog.brin_summarize_new_values(brin);
    END LOOP;
    RETURN summarized;
EXCEPTION WHEN lock_not_available OR insufficient_privilege THEN
    RETURN summarized;
END;
$$;
COMMENT ON FUNCTION analytics_control.summarize_applied_xid(regclass) IS
    'Summarizes the new block ranges of a swept table''s BRIN index on applied_xid, unless VACUUM holds the table; returns the ranges summarized.';

-- Report files of kind by-key: a table kept key by key (a customer, a product), registered in
-- incremental_report with bucket_unit 'key' and its key's type; its rows function takes the
-- keys wanted as an array of that type and whether all are. The capture records changed keys
-- as text in dirty_key, which a refresh claims into claimed_key in a short transaction of its
-- own, as for buckets (V16).
ALTER TABLE analytics_control.incremental_report DROP CONSTRAINT incremental_report_bucket_unit_check;
ALTER TABLE analytics_control.incremental_report
    ADD CONSTRAINT incremental_report_bucket_unit_check CHECK (bucket_unit IN ('day', 'week', 'month', 'key'));
ALTER TABLE analytics_control.incremental_report ADD COLUMN key_type text;
COMMENT ON COLUMN analytics_control.incremental_report.key_type IS 'For a report kept by key (bucket_unit key): the type of its key column.';

CREATE TABLE analytics_control.dirty_key (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    key            text NOT NULL,
    PRIMARY KEY (report_schema, report_name, key)
);
COMMENT ON TABLE analytics_control.dirty_key IS
    'Keys of by-key reports that changed since their last refresh, as text, each recorded once.';

CREATE TABLE analytics_control.claimed_key (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    key            text NOT NULL,
    PRIMARY KEY (report_schema, report_name, key)
);
COMMENT ON TABLE analytics_control.claimed_key IS
    'Dirty keys a refresh has claimed: it recomputes them and deletes them in its own transaction.';

GRANT SELECT, INSERT, DELETE ON analytics_control.dirty_key, analytics_control.claimed_key TO wms_analytics_user;
