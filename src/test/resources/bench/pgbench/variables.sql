-- The pgbench -D options of the WMS load profile, from the primary's data: the largest
-- customer, warehouse and product ids, and the order ids of the orders placed 14 to 60 days
-- ago, which a late correction changes. One line: psql -Atf variables.sql.
SELECT format('-D customers=%s -D warehouses=%s -D products=%s -D old_min=%s -D old_max=%s',
              (SELECT max(customer_id) FROM wms.customers),
              (SELECT max(warehouse_id) FROM wms.warehouses),
              (SELECT max(product_id) FROM wms.products),
              coalesce((SELECT min(order_id) FROM wms.orders WHERE created_at >= now() - interval '60 days'), 1),
              coalesce((SELECT max(order_id) FROM wms.orders WHERE created_at < now() - interval '14 days'), 1));
