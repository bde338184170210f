package com.wmsanalytics.generate;

/** A row of {@code wms.inventory}; {@code updatedAt} in epoch seconds. */
record InventoryRow(int locationId, int productId, int onHand, int reserved, long updatedAt) {}
