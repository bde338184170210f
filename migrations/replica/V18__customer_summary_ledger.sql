-- customer_analytics.customer_summary is now a built-in report file computed from its ledger
-- customer_analytics.customer_totals, kept key by key (both in the jar's reports/builtin);
-- migrate rebuilds it from its file. Its reason for staying a materialized view changes.
UPDATE analytics_control.refresh_mode_reason
SET reason = 'days since the last order change daily for every customer; computed from its ledger customer_totals, kept by key'
WHERE view_schema = 'customer_analytics' AND view_name = 'customer_summary';
