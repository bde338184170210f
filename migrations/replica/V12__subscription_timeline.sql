-- The timeline on which each subscription was last known to hold every transaction its slot
-- on the publisher has confirmed.
--
-- A physical standby of the replica replays this table with the subscriptions. Once promoted,
-- the standby is on a new timeline and resumes each subscription from its own replication
-- origin; the publisher streams from the greater of that position and the slot's
-- confirmed_flush_lsn, so the transactions in between, which the old node had applied and
-- confirmed, are skipped. While the timeline is the one recorded here, the node applied and
-- confirmed the slot's position itself, and an origin behind the slot only means WAL without
-- published changes (the subscriber confirms such WAL as it is streamed). On another timeline
-- an origin behind the slot is the gap: refreshes are refused until `setup --resync` copies the
-- subscription's tables again and records the new timeline.
CREATE TABLE analytics_control.subscription_timeline (
    subscription text PRIMARY KEY,
    timeline integer NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE analytics_control.subscription_timeline IS
    'The timeline on which each subscription was last known to hold what its slot confirmed; written by setup and the refresh.';

GRANT SELECT, INSERT, UPDATE ON analytics_control.subscription_timeline TO wms_analytics_user;
-- The gap check compares each subscription's replication origin with its slot; the origin's
-- progress is readable only by superusers unless granted.
GRANT SELECT ON pg_catalog.pg_replication_origin_status TO wms_analytics_user;
