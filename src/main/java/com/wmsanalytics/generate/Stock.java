package com.wmsanalytics.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The inventory held in memory for the run: one cell per location and product. */
final class Stock {

    private final Map<Long, StockCell> cells = new HashMap<>();

    Stock(List<InventoryRow> rows) {
        for (InventoryRow row : rows) {
            cells.put(
                    key(row.locationId(), row.productId()),
                    new StockCell(row.locationId(), row.productId(), row.onHand(), row.reserved(), row.updatedAt()));
        }
    }

    StockCell cell(int locationId, int productId) {
        long key = key(locationId, productId);
        StockCell cell = cells.get(key);
        if (cell == null) {
            cell = new StockCell(locationId, productId, 0, 0, Long.MIN_VALUE);
            cells.put(key, cell);
        }
        return cell;
    }

    int onHand(int locationId, int productId) {
        StockCell cell = cells.get(key(locationId, productId));
        return cell == null ? 0 : cell.onHand();
    }

    /** The cells this run changed, ordered by location and product. */
    List<StockCell> changedCells() {
        List<StockCell> changed = new ArrayList<>();
        for (StockCell cell : cells.values()) {
            if (cell.changed()) {
                changed.add(cell);
            }
        }
        changed.sort(Comparator.<StockCell>comparingInt(c -> c.locationId).thenComparingInt(c -> c.productId));
        return changed;
    }

    private static long key(int locationId, int productId) {
        return ((long) locationId << 32) | (productId & 0xffffffffL);
    }
}
