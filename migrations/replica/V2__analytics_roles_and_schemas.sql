-- Roles, analytics schemas and grants on the replica.
--
-- wms_analytics_user  the refresher: reads the wms mirror, owns and refreshes the
--                     materialized views (REFRESH needs ownership before PostgreSQL 17).
-- wms_bi_reader       read-only BI: reads the analytics schemas, never the raw mirror.
--
-- Both roles are created NOLOGIN. Roles are cluster-wide, so they are created only when
-- missing; the DBA gives them LOGIN and a password (ALTER ROLE ... LOGIN PASSWORD ...).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wms_analytics_user') THEN
        CREATE ROLE wms_analytics_user NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wms_bi_reader') THEN
        CREATE ROLE wms_bi_reader NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS warehouse_analytics;
CREATE SCHEMA IF NOT EXISTS inventory_analytics;
CREATE SCHEMA IF NOT EXISTS order_analytics;
CREATE SCHEMA IF NOT EXISTS customer_analytics;
CREATE SCHEMA IF NOT EXISTS analytics;

COMMENT ON SCHEMA warehouse_analytics IS 'Warehouse operations reports: throughput and location utilization.';
COMMENT ON SCHEMA inventory_analytics IS 'Inventory reports: stock levels, slow movers, turnover and ABC classes.';
COMMENT ON SCHEMA order_analytics IS 'Order reports: daily orders, fulfillment times and weekly trends.';
COMMENT ON SCHEMA customer_analytics IS 'Customer reports: customer summary and RFM segmentation.';
COMMENT ON SCHEMA analytics IS 'Company-wide reports built on the other analytics schemas.';

-- The refresher reads the mirror, now and for tables added later by the role running
-- these migrations.
GRANT USAGE ON SCHEMA wms TO wms_analytics_user;
GRANT SELECT ON ALL TABLES IN SCHEMA wms TO wms_analytics_user;
ALTER DEFAULT PRIVILEGES IN SCHEMA wms GRANT SELECT ON TABLES TO wms_analytics_user;

-- The refresher may use and create objects in the analytics schemas; the BI reader may
-- read everything in them (ALL TABLES includes materialized views). The default
-- privileges cover objects created later by the migrating role and by the refresher.
GRANT USAGE, CREATE ON SCHEMA warehouse_analytics, inventory_analytics, order_analytics,
    customer_analytics, analytics TO wms_analytics_user;

GRANT USAGE ON SCHEMA warehouse_analytics, inventory_analytics, order_analytics,
    customer_analytics, analytics TO wms_bi_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA warehouse_analytics, inventory_analytics, order_analytics,
    customer_analytics, analytics TO wms_bi_reader;

ALTER DEFAULT PRIVILEGES IN SCHEMA warehouse_analytics, inventory_analytics, order_analytics,
    customer_analytics, analytics GRANT SELECT ON TABLES TO wms_bi_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE wms_analytics_user IN SCHEMA warehouse_analytics,
    inventory_analytics, order_analytics, customer_analytics, analytics
    GRANT SELECT ON TABLES TO wms_bi_reader;
