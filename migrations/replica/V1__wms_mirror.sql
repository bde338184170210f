-- The replica's mirror of the WMS schema, filled only by the logical replication apply
-- worker of the subscription.
--
-- It MUST stay column for column identical to the primary's schema
-- (migrations/primary/V1__wms_schema.sql): same tables, same column names in the same
-- order, same types, same nullability and same primary keys. The setup stage compares the
-- two catalogs and refuses to subscribe when they drift. Change both files together.
--
-- Deliberate differences from the primary, because the primary already enforced them and
-- the apply worker must never be stopped by a constraint the primary did not raise:
--   * no foreign keys (tables are synced and applied independently, in any order);
--   * no CHECK constraints, no UNIQUE constraints other than the primary keys;
--   * no column defaults (apply always sends every column).
-- The primary keys stay: logical replication identifies rows by them for UPDATE and DELETE.
-- The secondary indexes are the ones the analytics materialized views need.

CREATE SCHEMA IF NOT EXISTS wms;

CREATE TABLE wms.warehouses (
    warehouse_id  integer PRIMARY KEY,
    code          text    NOT NULL,
    name          text    NOT NULL,
    region        text    NOT NULL,
    opened_on     date    NOT NULL
);

CREATE TABLE wms.locations (
    location_id     integer PRIMARY KEY,
    warehouse_id    integer NOT NULL,
    code            text    NOT NULL,
    zone            text    NOT NULL,
    capacity_units  integer NOT NULL
);
CREATE INDEX locations_warehouse_idx ON wms.locations (warehouse_id);

CREATE TABLE wms.products (
    product_id  integer        PRIMARY KEY,
    sku         text           NOT NULL,
    name        text           NOT NULL,
    category    text           NOT NULL,
    unit_cost   numeric(12, 2) NOT NULL,
    unit_price  numeric(12, 2) NOT NULL,
    created_at  timestamptz    NOT NULL
);

CREATE TABLE wms.customers (
    customer_id  integer     PRIMARY KEY,
    name         text        NOT NULL,
    segment      text        NOT NULL,
    region       text        NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE wms.inventory (
    location_id   integer     NOT NULL,
    product_id    integer     NOT NULL,
    qty_on_hand   integer     NOT NULL,
    qty_reserved  integer     NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (location_id, product_id)
);
CREATE INDEX inventory_product_idx ON wms.inventory (product_id);

CREATE TABLE wms.orders (
    order_id      bigint      PRIMARY KEY,
    customer_id   integer     NOT NULL,
    warehouse_id  integer     NOT NULL,
    status        text        NOT NULL,
    created_at    timestamptz NOT NULL,
    promised_at   timestamptz NOT NULL,
    shipped_at    timestamptz,
    cancelled_at  timestamptz
);
CREATE INDEX orders_created_at_idx ON wms.orders (created_at);
CREATE INDEX orders_customer_idx ON wms.orders (customer_id);
CREATE INDEX orders_shipped_at_idx ON wms.orders (shipped_at);

CREATE TABLE wms.order_lines (
    order_id    bigint         NOT NULL,
    line_no     smallint       NOT NULL,
    product_id  integer        NOT NULL,
    quantity    integer        NOT NULL,
    unit_price  numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product_idx ON wms.order_lines (product_id);

CREATE TABLE wms.stock_movements (
    movement_id    bigint      PRIMARY KEY,
    movement_type  text        NOT NULL,
    product_id     integer     NOT NULL,
    location_id    integer     NOT NULL,
    quantity       integer     NOT NULL,
    order_id       bigint,
    moved_at       timestamptz NOT NULL
);
CREATE INDEX stock_movements_moved_at_idx ON wms.stock_movements (moved_at);
CREATE INDEX stock_movements_product_location_idx ON wms.stock_movements (product_id, location_id);

CREATE TABLE wms.shipments (
    shipment_id   bigint         PRIMARY KEY,
    order_id      bigint         NOT NULL,
    warehouse_id  integer        NOT NULL,
    carrier       text           NOT NULL,
    shipped_at    timestamptz    NOT NULL,
    delivered_at  timestamptz,
    weight_kg     numeric(10, 2) NOT NULL
);
CREATE INDEX shipments_order_idx ON wms.shipments (order_id);
CREATE INDEX shipments_shipped_at_idx ON wms.shipments (shipped_at);
