package com.wmsanalytics.generate;

/** A bin: its zone is {@code pick}, {@code reserve} or {@code bulk}. */
record Location(int id, int warehouseId, String zone, int capacity) {}
