package com.wmsanalytics.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The daily routine of each warehouse: inbound receipts at 05:00 (not on Sundays), pick
 * bin top-ups at 06:00 and a few cycle counts during the day shift.
 */
final class WarehouseRoutines {

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;

    private final int warehouses;
    private final Replenisher replenisher;
    private final CycleCounts cycleCounts;
    private final EventQueue queue;
    private final SplittableRandom random;

    WarehouseRoutines(
            int warehouses,
            Replenisher replenisher,
            CycleCounts cycleCounts,
            EventQueue queue,
            SplittableRandom random) {
        this.warehouses = warehouses;
        this.replenisher = replenisher;
        this.cycleCounts = cycleCounts;
        this.queue = queue;
        this.random = random;
    }

    void schedule(LocalDate day) {
        long start = day.toEpochDay() * 86_400L;
        boolean inbound = day.getDayOfWeek() != DayOfWeek.SUNDAY;
        for (int warehouse = 0; warehouse < warehouses; warehouse++) {
            schedule(warehouse, start + warehouse * 10 * MINUTE, inbound);
            scheduleCycleCounts(warehouse, start);
        }
    }

    private void schedule(int warehouse, long start, boolean inbound) {
        long receiving = start + 5 * HOUR;
        if (inbound) {
            queue.at(receiving, () -> replenisher.receiveLowStock(receiving, warehouse));
        }
        long topUp = start + 6 * HOUR;
        queue.at(topUp, () -> replenisher.topUpPickBins(topUp, warehouse));
    }

    private void scheduleCycleCounts(int warehouse, long start) {
        int counts = 3 + random.nextInt(6);
        for (int i = 0; i < counts; i++) {
            long at = start + Randoms.between(random, 9 * HOUR, 18 * HOUR);
            queue.at(at, () -> cycleCounts.count(at, warehouse));
        }
    }
}
