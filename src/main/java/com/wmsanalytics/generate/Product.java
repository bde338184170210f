package com.wmsanalytics.generate;

/** A product as the simulation needs it; prices are in cents. */
record Product(int id, String category, long unitPriceCents) {}
