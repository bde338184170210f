package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the customers of an empty database, about one for every eight requested orders,
 * mostly retail, spread over the warehouses' regions.
 */
final class CustomerMaker {

    private final IdCounter ids;
    private final SplittableRandom random;
    private final CopyBuffer rows;

    CustomerMaker(IdCounter ids, SplittableRandom random, CopyBuffer rows) {
        this.ids = ids;
        this.random = random;
        this.rows = rows;
    }

    static int count(int orders) {
        return Math.max(150, Math.min(25_000, orders / 8));
    }

    List<Customer> make(int count, List<String> regions, LocalDate firstDay) {
        List<Customer> made = new ArrayList<>();
        long firstSecond = firstDay.toEpochDay() * 86_400L;
        for (int i = 0; i < count; i++) {
            made.add(one(segment(), regions.get(random.nextInt(regions.size())), firstSecond));
        }
        return made;
    }

    private Segment segment() {
        double u = random.nextDouble();
        return u < 0.75 ? Segment.RETAIL : u < 0.92 ? Segment.MARKETPLACE : Segment.WHOLESALE;
    }

    private Customer one(Segment segment, String region, long firstSecond) {
        int id = ids.nextInt();
        long created = firstSecond - Randoms.between(random, 86_400L, 1_200 * 86_400L);
        rows.number(id)
                .text(Names.customer(segment, random))
                .text(segment.sqlName())
                .text(region)
                .time(created)
                .endRow();
        return new Customer(id, segment, region);
    }
}
