package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Makes the product catalogue of an empty database; every price is above its cost. */
final class ProductMaker {

    static final int PRODUCTS = 600;

    private final IdCounter ids;
    private final SplittableRandom random;
    private final CopyBuffer rows;

    ProductMaker(IdCounter ids, SplittableRandom random, CopyBuffer rows) {
        this.ids = ids;
        this.random = random;
        this.rows = rows;
    }

    List<Product> make(LocalDate firstDay) {
        List<Product> made = new ArrayList<>();
        long firstSecond = firstDay.toEpochDay() * 86_400L;
        for (int i = 0; i < PRODUCTS; i++) {
            made.add(one(Randoms.pick(random, Category.values()), firstSecond));
        }
        return made;
    }

    private Product one(Category category, long firstSecond) {
        int id = ids.nextInt();
        long cost = Randoms.logUniform(random, category.minCostCents(), category.maxCostCents());
        long price = Math.round(cost * (1.25 + 0.85 * random.nextDouble()));
        long created = firstSecond - Randoms.between(random, 30 * 86_400L, 1_500 * 86_400L);
        rows.number(id)
                .text(String.format("%s-%05d", category.code(), id))
                .text(Names.product(category, random))
                .text(category.sqlName())
                .hundredths(cost)
                .hundredths(price)
                .time(created)
                .endRow();
        return new Product(id, category.sqlName(), price);
    }
}
