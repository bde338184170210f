-- A report kept by key over a report kept by time (report files, V17): a source line that names
-- a column of a report kept by time, rather than of a mirror table. That report's refresh reads
-- the rows it deletes and inserts in the buckets it rewrites, and records, as dirty keys of each
-- report fed here, the key of every row that changed; so the report kept by key recomputes just
-- the keys whose ledger rows changed, not the whole ledger, and not every key of a rewritten
-- bucket. migrate fills it from the declarations; dropping the fed report deletes its rows.

CREATE TABLE analytics_control.key_feed (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    source_schema  text NOT NULL,
    source_name    text NOT NULL,
    key_column     text NOT NULL,
    PRIMARY KEY (report_schema, report_name, source_schema, source_name)
);

COMMENT ON TABLE analytics_control.key_feed IS
    'For each report kept by key over a report kept by time: that report, and its column that holds the key.';

-- Kept apart from dirty_key, which the capture the apply worker runs writes: a refresh's
-- transaction holding a key there would make the apply worker's INSERT ... ON CONFLICT wait for
-- it. A refresh claims both into claimed_key.
CREATE TABLE analytics_control.fed_key (
    report_schema  text NOT NULL,
    report_name    text NOT NULL,
    key            text NOT NULL,
    PRIMARY KEY (report_schema, report_name, key)
);

COMMENT ON TABLE analytics_control.fed_key IS
    'Keys of by-key reports whose rows in a report they follow changed at its refresh, as text, each recorded once.';

GRANT SELECT ON analytics_control.key_feed TO wms_analytics_user;
GRANT SELECT, INSERT, DELETE ON analytics_control.fed_key TO wms_analytics_user;
