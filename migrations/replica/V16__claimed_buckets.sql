-- A refresh claims its report's dirty buckets in a short transaction of its own, not in the
-- transaction that recomputes them.
--
-- The capture that the apply worker runs records a dirty bucket with INSERT ... ON CONFLICT DO
-- NOTHING. When the refresh deleted ("claimed") that bucket's row inside its own transaction,
-- the insert had to wait for that transaction to end, to know whether the row was gone: under
-- a write load at 1,000,000 orders the apply worker waited 27 to 35 s at a time, and nothing
-- replicated meanwhile. Now the claim moves the report's dirty buckets here in a transaction of
-- a few milliseconds, and the recompute's transaction deletes them from here, which the apply
-- worker never touches. A change applied after the claim records its bucket in dirty_bucket
-- again, for the next refresh. A refresh that fails or is killed leaves its claimed buckets
-- here, and the next refresh of the report recomputes them.
CREATE TABLE analytics_control.claimed_bucket (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    bucket         date NOT NULL,
    PRIMARY KEY (report_schema, report_name, bucket)
);
COMMENT ON TABLE analytics_control.claimed_bucket IS
    'Dirty buckets a refresh has claimed and not yet recomputed; the next successful refresh of the report recomputes and deletes them.';

GRANT SELECT, INSERT, DELETE ON analytics_control.claimed_bucket TO wms_analytics_user;

-- The same for a change that marks reports for a full rebuild (a TRUNCATE, a location that
-- changes warehouse, a product's cost or category): the capture used to set needs_full on the
-- report's row in incremental_report, which a running refresh of that report holds locked, so
-- the apply worker waited for the refresh. It now appends a request here, which nothing locks;
-- the refresh deletes the report's requests before it computes, and rebuilds if there were any.
-- A request recorded after that waits for the next refresh.
CREATE TABLE analytics_control.rebuild_request (
    report_schema  text        NOT NULL,
    report_name    text        NOT NULL,
    reason         text        NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rebuild_request_report_idx ON analytics_control.rebuild_request (report_schema, report_name);
COMMENT ON TABLE analytics_control.rebuild_request IS
    'Changes that make incremental reports rebuild in full, appended by the capture; the next refresh of each report consumes them.';

GRANT SELECT, DELETE ON analytics_control.rebuild_request TO wms_analytics_user;

CREATE OR REPLACE FUNCTION analytics_control.capture_rebuild() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO analytics_control.rebuild_request (report_schema, report_name, reason)
    SELECT r.report_schema, r.report_name, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ': ' || lower(TG_OP)
    FROM analytics_control.incremental_report r
    WHERE EXISTS (SELECT FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = r.definition
                    AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = TG_RELID);
    RETURN NULL;
END;
$$;
