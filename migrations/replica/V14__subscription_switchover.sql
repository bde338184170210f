-- A planned switchover of the replica to one of its physical standbys.
--
-- A promoted standby resumes each subscription from its own replication origin, and the
-- publisher streams from the greater of that position and its slot's confirmed_flush_lsn. The
-- transactions the old node applied after the standby's last replay are skipped, and once the
-- promoted node has applied one more transaction, neither the origin nor the slot keeps a trace
-- of them. So a promotion is trusted only when it was prepared: `setup --switchover` disables
-- each subscription on the old node, waits until the publisher's walsender lets go of the slot,
-- and records here where the subscription stopped. The standby replays the row. After the
-- promotion, `setup` on the new node finds the row for the timeline the subscription was last
-- known whole on, checks that the subscription is still disabled at that origin and that the
-- slot has confirmed nothing since, and only then records the new timeline and enables the
-- subscription. Any other promotion is refused until `setup --resync`.
CREATE TABLE analytics_control.subscription_switchover (
    subscription text PRIMARY KEY,
    timeline integer NOT NULL,
    origin_lsn pg_lsn NOT NULL,
    slot_lsn pg_lsn NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE analytics_control.subscription_switchover IS
    'Where each subscription stopped for a planned switchover (setup --switchover); read by setup on the promoted node.';

GRANT SELECT ON analytics_control.subscription_switchover TO wms_analytics_user;

-- The gap check no longer reads replication origins: a runtime command reads only the timeline
-- and the tables above. pg_replication_origin_status calls a function PostgreSQL grants only to
-- superusers, so the grant of V12 never let the refresher read it.
REVOKE SELECT ON pg_catalog.pg_replication_origin_status FROM wms_analytics_user;

-- What the refresher was missing for the runtime commands, found by running each of them as
-- that role: the refresh's sweep of new order lines moves its mark in capture_sweep, and
-- `backup` reads every control table (pg_dump reads a sequence's state with SELECT, and the
-- migration history).
GRANT SELECT, UPDATE ON analytics_control.capture_sweep TO wms_analytics_user;
GRANT SELECT ON analytics_control.flyway_schema_history TO wms_analytics_user;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA analytics_control TO wms_analytics_user;
