package com.wmsanalytics.demo;

/** A shipment an earlier run left in transit (not yet delivered). */
record OpenShipment(long shipmentId, long orderId, long shippedAt, String carrier) {}
