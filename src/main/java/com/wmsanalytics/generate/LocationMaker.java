package com.wmsanalytics.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the bins of warehouses that have none: 240 pick bins (12 aisles, 10 bays, 2
 * levels), 80 reserve bins and 16 bulk bays, sized so that the stock the simulation keeps
 * at the requested order rate fills them about half.
 */
final class LocationMaker {

    /** Slow movers keep about a case in their pick bin and little in storage. */
    private static final double SLOW_MOVER_PICK_UNITS = 12.0 * ProductMaker.PRODUCTS;

    private static final double SLOW_MOVER_STORED_UNITS = 3.0 * ProductMaker.PRODUCTS;

    private final IdCounter ids;
    private final SplittableRandom random;
    private final CopyBuffer rows;
    private final List<Location> made = new ArrayList<>();

    LocationMaker(IdCounter ids, SplittableRandom random, CopyBuffer rows) {
        this.ids = ids;
        this.random = random;
        this.rows = rows;
    }

    /** {@code dailyUnits}: the units one warehouse is expected to ship per day. */
    List<Location> make(List<Warehouse> warehouses, double dailyUnits) {
        for (Warehouse warehouse : warehouses) {
            racks(warehouse, "pick", "P", 12, (2 * dailyUnits + SLOW_MOVER_PICK_UNITS) / 240);
            racks(warehouse, "reserve", "R", 4, (4.5 * dailyUnits + SLOW_MOVER_STORED_UNITS) / 80);
            bulk(warehouse, 4 * dailyUnits / 16);
        }
        return made;
    }

    private void racks(Warehouse warehouse, String zone, String prefix, int aisles, double expectedStock) {
        for (int aisle = 1; aisle <= aisles; aisle++) {
            for (int bay = 1; bay <= 10; bay++) {
                for (int level = 1; level <= 2; level++) {
                    String code = String.format("%s-%02d-%02d-%d", prefix, aisle, bay, level);
                    add(warehouse, zone, code, capacity(expectedStock));
                }
            }
        }
    }

    private void bulk(Warehouse warehouse, double expectedStock) {
        for (int bay = 1; bay <= 16; bay++) {
            add(warehouse, "bulk", String.format("B-%02d", bay), capacity(expectedStock));
        }
    }

    /** Room for 1.4 to 2.8 times the expected stock, in tens of units. */
    private int capacity(double expectedStock) {
        long tens = Math.round(expectedStock * (1.4 + 1.4 * random.nextDouble()) / 10);
        return (int) Math.max(20, Math.min(1_000_000, tens * 10));
    }

    private void add(Warehouse warehouse, String zone, String code, int capacity) {
        int id = ids.nextInt();
        rows.number(id)
                .number(warehouse.id())
                .text(code)
                .text(zone)
                .number(capacity)
                .endRow();
        made.add(new Location(id, warehouse.id(), zone, capacity));
    }
}
