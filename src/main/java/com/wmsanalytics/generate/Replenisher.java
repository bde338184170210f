package com.wmsanalytics.generate;

/**
 * Keeps stock where picks need it. Every morning it receives products that run low into
 * their storage location and tops pick bins up from storage. When a pick would still take
 * a bin below zero, it replenishes the bin first, with an expedited receipt if storage is
 * short too.
 */
final class Replenisher {

    private final Catalog catalog;
    private final Slotting slotting;
    private final DemandModel demand;
    private final Stock stock;
    private final MovementLog log;

    Replenisher(Catalog catalog, Slotting slotting, DemandModel demand, Stock stock, MovementLog log) {
        this.catalog = catalog;
        this.slotting = slotting;
        this.demand = demand;
        this.stock = stock;
        this.log = log;
    }

    void ensurePickable(long at, int warehouse, int product, int quantity) {
        Location bin = slotting.pickBin(warehouse, product);
        int shortBy = quantity - stock.onHand(bin.id(), catalog.productId(product));
        if (shortBy > 0) {
            int target = Math.max(catalog.casePack(product), demand.pickTarget(product, bin.capacity()));
            refill(at, slotting.storage(warehouse, product), bin, product, shortBy + target);
        }
    }

    void receiveLowStock(long at, int warehouse) {
        for (int product = 0; product < catalog.products().size(); product++) {
            receiveIfLow(at, warehouse, product);
        }
    }

    void topUpPickBins(long at, int warehouse) {
        for (int product = 0; product < catalog.products().size(); product++) {
            topUp(at, slotting.storage(warehouse, product), slotting.pickBin(warehouse, product), product);
        }
    }

    private void refill(long at, Location storage, Location bin, int product, int quantity) {
        int productId = catalog.productId(product);
        if (storage.id() == bin.id()) {
            log.receipt(at, bin.id(), productId, cases(product, quantity));
            return;
        }
        int missing = quantity - stock.onHand(storage.id(), productId);
        if (missing > 0) {
            log.receipt(at, storage.id(), productId, cases(product, Math.max(missing, demand.orderUpTo(product))));
        }
        log.transfer(at, storage.id(), bin.id(), productId, quantity);
    }

    private void receiveIfLow(long at, int warehouse, int product) {
        int productId = catalog.productId(product);
        Location storage = slotting.storage(warehouse, product);
        Location bin = slotting.pickBin(warehouse, product);
        int available = stock.onHand(storage.id(), productId)
                + (bin.id() == storage.id() ? 0 : stock.onHand(bin.id(), productId));
        if (available < Math.max(1, demand.reorderPoint(product))) {
            log.receipt(at, storage.id(), productId, cases(product, demand.orderUpTo(product) - available));
        }
    }

    private void topUp(long at, Location storage, Location bin, int product) {
        int productId = catalog.productId(product);
        int target = Math.max(catalog.casePack(product), demand.pickTarget(product, bin.capacity()));
        int onHand = stock.onHand(bin.id(), productId);
        int quantity = Math.min(stock.onHand(storage.id(), productId), target - onHand);
        if (storage.id() != bin.id() && onHand * 2 < target && quantity > 0) {
            log.transfer(at, storage.id(), bin.id(), productId, quantity);
        }
    }

    /** Whole cases, at least one, covering {@code units}. */
    private int cases(int product, int units) {
        int pack = catalog.casePack(product);
        return Math.max(1, (units + pack - 1) / pack) * pack;
    }
}
