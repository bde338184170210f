package com.wmsanalytics.generate;

/**
 * Writes stock movements and applies them to the in-memory stock. Movements are written
 * in the order the simulation makes them, with increasing ids and non-decreasing times, so
 * replaying them by (moved_at, movement_id) never takes a location below zero.
 */
final class MovementLog {

    private final CopyBuffer rows;
    private final IdCounter ids;
    private final Stock stock;

    MovementLog(CopyBuffer rows, IdCounter ids, Stock stock) {
        this.rows = rows;
        this.ids = ids;
        this.stock = stock;
    }

    void receipt(long at, int locationId, int productId, int quantity) {
        write("receipt", at, locationId, productId, quantity, 0);
    }

    void pick(long at, int locationId, int productId, int quantity, long orderId) {
        write("pick", at, locationId, productId, -quantity, orderId);
    }

    void transfer(long at, int fromId, int toId, int productId, int quantity) {
        write("transfer", at, fromId, productId, -quantity, 0);
        write("transfer", at, toId, productId, quantity, 0);
    }

    void adjustment(long at, int locationId, int productId, int delta) {
        write("adjustment", at, locationId, productId, delta, 0);
    }

    void customerReturn(long at, int locationId, int productId, int quantity, long orderId) {
        write("return", at, locationId, productId, quantity, orderId);
    }

    private void write(String type, long at, int locationId, int productId, int quantity, long orderId) {
        stock.cell(locationId, productId).move(quantity, at);
        rows.number(ids.next()).text(type).number(productId).number(locationId).number(quantity);
        (orderId == 0 ? rows.nullValue() : rows.number(orderId)).time(at).endRow();
    }
}
