-- A report kept by key over a ledger (V23) recomputes the keys of the ledger rows a refresh
-- changed. A ledger row often changes in columns the follower does not read (a shipped count,
-- where the follower reads only first and last order times); such a change now passes no key
-- on. migrate records the ledger columns the follower's rows function reads, which PostgreSQL
-- tracks column by column for a SQL-standard function body; the key column is always among them.
ALTER TABLE analytics_control.key_feed ADD COLUMN read_columns text[];

COMMENT ON COLUMN analytics_control.key_feed.read_columns IS
    'The ledger columns the follower reads, its key column first; NULL compares whole rows (a follower that reads a whole row).';
