-- The WMS OLTP schema on the primary. A real WMS already has these tables; the demo,
-- the tests and staging primaries get them from this file. Every table has a primary
-- key, which logical replication needs to apply UPDATE and DELETE on the replica.

CREATE SCHEMA IF NOT EXISTS wms;

CREATE TABLE wms.warehouses (
    warehouse_id  integer PRIMARY KEY,
    code          text    NOT NULL UNIQUE,
    name          text    NOT NULL,
    region        text    NOT NULL,
    opened_on     date    NOT NULL
);

-- Bins and their capacity in units.
CREATE TABLE wms.locations (
    location_id     integer PRIMARY KEY,
    warehouse_id    integer NOT NULL REFERENCES wms.warehouses,
    code            text    NOT NULL,
    zone            text    NOT NULL CHECK (zone IN ('pick', 'reserve', 'bulk')),
    capacity_units  integer NOT NULL CHECK (capacity_units > 0),
    UNIQUE (warehouse_id, code)
);

CREATE TABLE wms.products (
    product_id  integer        PRIMARY KEY,
    sku         text           NOT NULL UNIQUE,
    name        text           NOT NULL,
    category    text           NOT NULL,
    unit_cost   numeric(12, 2) NOT NULL CHECK (unit_cost >= 0),
    unit_price  numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    created_at  timestamptz    NOT NULL
);

CREATE TABLE wms.customers (
    customer_id  integer     PRIMARY KEY,
    name         text        NOT NULL,
    segment      text        NOT NULL CHECK (segment IN ('retail', 'wholesale', 'marketplace')),
    region       text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Quantity on hand and reserved per location and product. It always equals the sum of
-- that pair's stock movements.
CREATE TABLE wms.inventory (
    location_id   integer     NOT NULL REFERENCES wms.locations,
    product_id    integer     NOT NULL REFERENCES wms.products,
    qty_on_hand   integer     NOT NULL CHECK (qty_on_hand >= 0),
    qty_reserved  integer     NOT NULL DEFAULT 0 CHECK (qty_reserved >= 0),
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (location_id, product_id)
);

CREATE TABLE wms.orders (
    order_id      bigint      PRIMARY KEY,
    customer_id   integer     NOT NULL REFERENCES wms.customers,
    warehouse_id  integer     NOT NULL REFERENCES wms.warehouses,
    status        text        NOT NULL CHECK (status IN ('open', 'picking', 'shipped', 'delivered', 'cancelled')),
    created_at    timestamptz NOT NULL,
    promised_at   timestamptz NOT NULL,
    shipped_at    timestamptz,
    cancelled_at  timestamptz
);
CREATE INDEX orders_created_at_idx ON wms.orders (created_at);

CREATE TABLE wms.order_lines (
    order_id    bigint         NOT NULL REFERENCES wms.orders,
    line_no     smallint       NOT NULL,
    product_id  integer        NOT NULL REFERENCES wms.products,
    quantity    integer        NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product_idx ON wms.order_lines (product_id);

-- Signed quantities: positive into the location, negative out of it. A transfer is two
-- rows, one out of the source bin and one into the target bin.
CREATE TABLE wms.stock_movements (
    movement_id    bigint      PRIMARY KEY,
    movement_type  text        NOT NULL CHECK (movement_type IN ('receipt', 'pick', 'adjustment', 'transfer', 'return')),
    product_id     integer     NOT NULL REFERENCES wms.products,
    location_id    integer     NOT NULL REFERENCES wms.locations,
    quantity       integer     NOT NULL CHECK (quantity <> 0),
    order_id       bigint      REFERENCES wms.orders,
    moved_at       timestamptz NOT NULL
);
CREATE INDEX stock_movements_moved_at_idx ON wms.stock_movements (moved_at);

CREATE TABLE wms.shipments (
    shipment_id   bigint         PRIMARY KEY,
    order_id      bigint         NOT NULL REFERENCES wms.orders,
    warehouse_id  integer        NOT NULL REFERENCES wms.warehouses,
    carrier       text           NOT NULL,
    shipped_at    timestamptz    NOT NULL,
    delivered_at  timestamptz,
    weight_kg     numeric(10, 2) NOT NULL
);
CREATE INDEX shipments_order_idx ON wms.shipments (order_id);
