package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What a run reads back from the database before it generates more. */
record WmsState(
        Sequences sequences,
        List<Warehouse> warehouses,
        List<Location> locations,
        List<Product> products,
        List<Customer> customers,
        List<InventoryRow> inventory,
        Optional<LocalDate> lastOrderDay,
        List<PendingOrder> pendingOrders,
        List<OpenShipment> openShipments) {}
