-- The WMS load profile's setup, run once on the primary (psql -f setup.sql) after `generate`
-- and before pgbench: the ids the load hands out, in a schema of its own that no publication
-- names. Each sequence starts after the largest id the generator wrote. The variables the
-- scripts read are printed last, as pgbench -D options (see README.md beside this file).
CREATE SCHEMA IF NOT EXISTS wms_load;
CREATE SEQUENCE IF NOT EXISTS wms_load.order_id;
CREATE SEQUENCE IF NOT EXISTS wms_load.shipment_id;
CREATE SEQUENCE IF NOT EXISTS wms_load.movement_id;
SELECT setval('wms_load.order_id', (SELECT coalesce(max(order_id), 0) + 1 FROM wms.orders), false);
SELECT setval('wms_load.shipment_id', (SELECT coalesce(max(shipment_id), 0) + 1 FROM wms.shipments), false);
SELECT setval('wms_load.movement_id', (SELECT coalesce(max(movement_id), 0) + 1 FROM wms.stock_movements), false);
