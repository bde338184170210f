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
