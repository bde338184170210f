package com.wmsanalytics.generate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/** Writes the inventory cells a run changed: new rows are inserted, existing ones updated. */
final class InventoryWriter {

    private static final String UPSERT = "INSERT INTO wms.inventory"
            + " (location_id, product_id, qty_on_hand, qty_reserved, updated_at)"
            + " SELECT c.location_id, c.product_id, c.on_hand, c.reserved, to_timestamp(c.updated)"
            + " FROM unnest(?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::bigint[])"
            + " AS c(location_id, product_id, on_hand, reserved, updated)"
            + " ON CONFLICT (location_id, product_id) DO UPDATE SET qty_on_hand = EXCLUDED.qty_on_hand,"
            + " qty_reserved = EXCLUDED.qty_reserved, updated_at = EXCLUDED.updated_at";

    private final Connection connection;

    InventoryWriter(Connection connection) {
        this.connection = connection;
    }

    long write(List<StockCell> cells) {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(upsert, connection.unwrap(PGConnection.class), cells);
            return upsert.executeLargeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("write wms.inventory", e);
        }
    }

    private static void bind(PreparedStatement upsert, PGConnection pg, List<StockCell> cells) throws SQLException {
        int[][] ints = new int[4][cells.size()];
        long[] updated = new long[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            StockCell cell = cells.get(i);
            ints[0][i] = cell.locationId;
            ints[1][i] = cell.productId;
            ints[2][i] = cell.onHand();
            ints[3][i] = cell.reserved();
            updated[i] = cell.updatedAt();
        }
        for (int column = 0; column < 4; column++) {
            upsert.setArray(column + 1, pg.createArrayOf("int4", ints[column]));
        }
        upsert.setArray(5, pg.createArrayOf("int8", updated));
    }
}
