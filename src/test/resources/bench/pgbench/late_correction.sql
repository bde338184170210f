-- A late correction: the quantity of the first line of an order placed weeks ago, in a
-- bucket every report has closed.
\set order_id random(:old_min, :old_max)
UPDATE wms.order_lines SET quantity = quantity + 1 WHERE order_id = :order_id AND line_no = 1;
