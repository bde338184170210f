package com.wmsanalytics.generate;

/** A shipment an earlier run left in transit (not yet delivered). */
record OpenShipment(long shipmentId, long orderId, long shippedAt, String carrier) {}
