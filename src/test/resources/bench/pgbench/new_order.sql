-- A new order with one to four lines, as the WMS takes it in: one transaction.
\set customer random(1, :customers)
\set warehouse random(1, :warehouses)
\set lines random(1, 4)
\set product random(1, :products)
WITH o AS (
    INSERT INTO wms.orders (order_id, customer_id, warehouse_id, status, created_at, promised_at)
    VALUES (nextval('wms_load.order_id'), :customer, :warehouse, 'open', now(), now() + interval '2 days')
    RETURNING order_id
)
INSERT INTO wms.order_lines (order_id, line_no, product_id, quantity, unit_price)
SELECT o.order_id, g, p.product_id, 1 + g % 3, p.unit_price
FROM o
CROSS JOIN generate_series(1, :lines) AS g
JOIN wms.products p ON p.product_id = 1 + (:product + g * 97) % :products;
