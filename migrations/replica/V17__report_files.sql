-- Report files: the reports a BI team declares in reports.dir, one SQL file each. migrate
-- installs each one, with Flyway (one repeatable Java migration per report, recorded in
-- flyway_schema_history with its checksum), and records here what it installed: the
-- fingerprint of the file and the one that covers the reports it reads too, so that an edit
-- rebuilds the report and the reports that read it, and nothing else.
CREATE TABLE analytics_control.report_file (
    report_schema     text NOT NULL,
    report_name       text NOT NULL,
    file              text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('full', 'by-time')),
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
