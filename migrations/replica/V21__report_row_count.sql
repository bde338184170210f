-- An incremental report's row count, as its last refresh left it. The refresh records how many
-- rows each report has after it ran; for a report kept by time or by key, it now adds what it
-- inserted and subtracts what it deleted instead of counting the table. Counting
-- customer_analytics.customer_months, 421,000 rows at 1,000,000 orders, took 74 ms of every
-- weekly and monthly run on Debian's PostgreSQL 15, a cost that grew with the history. NULL
-- (after an upgrade, or a repair by verify) makes the next refresh count once.

ALTER TABLE analytics_control.incremental_report ADD COLUMN row_count bigint CHECK (row_count >= 0);

COMMENT ON COLUMN analytics_control.incremental_report.row_count IS
    'The rows of the report after its last refresh; NULL when unknown, and the next refresh counts them.';
