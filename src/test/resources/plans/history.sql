-- A WMS history written straight into the replica's mirror, for reading the recomputes' plans:
-- :orders orders over :days days ending yesterday, with about 2.5 lines each, a pick per line
-- and a shipment per shipped order. The capture triggers are off: nothing here is replicated.
ALTER TABLE wms.orders DISABLE TRIGGER USER;
ALTER TABLE wms.order_lines DISABLE TRIGGER USER;
ALTER TABLE wms.stock_movements DISABLE TRIGGER USER;
ALTER TABLE wms.shipments DISABLE TRIGGER USER;
INSERT INTO wms.warehouses SELECT w, 'W' || w, 'Warehouse ' || w, 'north', date '2020-01-01' FROM generate_series(1, 4) w;
INSERT INTO wms.locations SELECT l, 1 + l % 4, 'L' || l, 'pick', 100 FROM generate_series(1, 400) l;
INSERT INTO wms.products
SELECT p, 'S' || p, 'P' || p, 'category ' || p % 8, 5 + p % 20, 10 + p % 30, timestamptz '2020-01-01'
FROM generate_series(1, 500) p;
INSERT INTO wms.customers SELECT c, 'C' || c, 'retail', 'north', timestamptz '2020-01-01' FROM generate_series(1, 5000) c;
INSERT INTO wms.orders
SELECT o, 1 + o % 5000, 1 + o % 4,
       CASE WHEN o % 20 = 0 THEN 'cancelled' WHEN o % 3 = 0 THEN 'shipped' ELSE 'delivered' END,
       t, t + interval '2 days',
       CASE WHEN o % 20 = 0 THEN NULL ELSE t + (o % 60) * interval '1 hour' END,
       CASE WHEN o % 20 = 0 THEN t + interval '1 hour' END
FROM generate_series(1, :orders) o,
     LATERAL (SELECT current_date - :days + (o::float8 / :orders) * (:days - 1) * interval '1 day' AS t) AS c;
INSERT INTO wms.order_lines
SELECT o, n, 1 + (o * 7 + n) % 500, 1 + (o + n) % 5, 10 + (o + n) % 30
FROM generate_series(1, :orders) o, generate_series(1, 1 + o % 4) n;
INSERT INTO wms.stock_movements
SELECT row_number() OVER (), 'pick', l.product_id, 1 + l.order_id % 400, -l.quantity, l.order_id,
       o.created_at + interval '30 minutes'
FROM wms.order_lines l JOIN wms.orders o USING (order_id);
INSERT INTO wms.shipments
SELECT o.order_id, o.order_id, o.warehouse_id, 'carrier', o.shipped_at, o.shipped_at + interval '1 day', 5
FROM wms.orders o WHERE o.shipped_at IS NOT NULL;
ANALYZE;
