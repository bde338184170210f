-- The next recent open order is picked and shipped: its status and shipped time, a shipment,
-- and a pick movement per line from a bin that holds the product. One in thirty is cancelled
-- instead. One transaction; an order another client holds is skipped, and when none is open
-- nothing is written.
\set cancel random(1, 30)
BEGIN;
SELECT coalesce((SELECT order_id FROM wms.orders
                 WHERE created_at > now() - interval '1 day' AND status = 'open'
                 ORDER BY created_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED), 0) AS order_id \gset
\if :cancel = 1
UPDATE wms.orders SET status = 'cancelled', cancelled_at = now() WHERE order_id = :order_id;
\else
UPDATE wms.orders SET status = 'shipped', shipped_at = now() WHERE order_id = :order_id;
INSERT INTO wms.shipments (shipment_id, order_id, warehouse_id, carrier, shipped_at, weight_kg)
SELECT nextval('wms_load.shipment_id'), o.order_id, o.warehouse_id, 'DHL', now(), 1.5
FROM wms.orders o WHERE o.order_id = :order_id;
INSERT INTO wms.stock_movements (movement_id, movement_type, product_id, location_id, quantity, order_id, moved_at)
SELECT nextval('wms_load.movement_id'), 'pick', l.product_id, b.location_id, -l.quantity, l.order_id, now()
FROM wms.order_lines l
CROSS JOIN LATERAL (SELECT i.location_id FROM wms.inventory i WHERE i.product_id = l.product_id
                    ORDER BY i.location_id LIMIT 1) AS b
WHERE l.order_id = :order_id;
\endif
COMMIT;
