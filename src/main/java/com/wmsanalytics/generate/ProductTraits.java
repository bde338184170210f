package com.wmsanalytics.generate;

/**
 * Traits the schema does not store, derived from the product id alone so that every run
 * agrees on them: units per case and grams per unit.
 */
final class ProductTraits {

    private static final int[] CASE_PACKS = {4, 6, 12, 24};
    private static final int UNKNOWN_CATEGORY_GRAMS = 1_000;

    private ProductTraits() {}

    static int casePack(Product product) {
        return CASE_PACKS[(int) (StableHash.mix(product.id() * 31L + 7) >>> 62)];
    }

    static int gramsPerUnit(Product product) {
        Category category = Category.of(product.category());
        int base = category == null ? UNKNOWN_CATEGORY_GRAMS : category.gramsPerUnit();
        return (int) (base * (0.4 + 1.2 * StableHash.unit(product.id() * 131L + 3)));
    }
}
