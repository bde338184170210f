package com.wmsanalytics.generate;

/** The values of {@code wms.orders.status}. */
enum OrderStatus {
    OPEN("open"),
    PICKING("picking"),
    SHIPPED("shipped"),
    DELIVERED("delivered"),
    CANCELLED("cancelled");

    private final String sqlName;

    OrderStatus(String sqlName) {
        this.sqlName = sqlName;
    }

    String sqlName() {
        return sqlName;
    }

    /** Open and picking orders hold reservations and have no shipment yet. */
    boolean pending() {
        return this == OPEN || this == PICKING;
    }

    static OrderStatus of(String sqlName) {
        for (OrderStatus status : values()) {
            if (status.sqlName.equals(sqlName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown order status " + sqlName);
    }
}
