package com.wmsanalytics.testing;

/** Changes to a WMS primary's past that only the change capture can see, as SQL to run there. */
public final class LateChanges {

    private LateChanges() {}

    /** A new order, placed 40 days ago by the first customer, with one line. */
    public static String oldOrderOfTheFirstCustomer() {
        return "INSERT INTO wms.orders SELECT max(order_id) + 1, (SELECT min(customer_id) FROM wms.customers),"
                + " (SELECT min(warehouse_id) FROM wms.warehouses), 'open', now() - interval '40 days',"
                + " now(), NULL, NULL FROM wms.orders;"
                + " INSERT INTO wms.order_lines SELECT max(order_id), 1,"
                + " (SELECT min(product_id) FROM wms.products), 3, 12.50 FROM wms.orders";
    }
}
