-- An incremental report's row count, as its last refresh left it. The refresh records how many
-- rows each report has after it ran; for a report kept by time or by key, it now adds what it
-- inserted and subtracts what it deleted instead of counting the table. Counting
-- customer_analytics.customer_months, 421,000 rows at 1,000,000 orders, took 74 ms of every
-- weekly and monthly run on Debian's PostgreSQL 15, a cost that grew with the history. NULL
-- (after an upgrade, or a repair by verify) makes the next refresh count once.

ALTER TABLE analytics_control.incremental_report ADD COLUMN row_count bigint CHECK (row_count >= 0);

COMMENT ON COLUMN analytics_control.incremental_report.row_count IS
    'The rows of the report after its last refresh; NULL when unknown, and the next refresh counts them.';

-- abc_classification and slow_movers are now computed from built-in ledgers kept month by
-- month, product_months and pick_months; migrate creates the ledgers and rebuilds the two
-- reports from their files.
UPDATE analytics_control.refresh_mode_reason
SET reason = 'classes rank products over a moving window; computed from the ledger product_months, kept month by month'
WHERE view_schema = 'inventory_analytics' AND view_name = 'abc_classification';
UPDATE analytics_control.refresh_mode_reason
SET reason = 'rows depend on the days since the last pick; computed from the ledger pick_months, kept month by month'
WHERE view_schema = 'inventory_analytics' AND view_name = 'slow_movers';
