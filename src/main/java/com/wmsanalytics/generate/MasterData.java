package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Makes the master data a database lacks (warehouses, bins, products, customers) and joins
 * it with what the database already has.
 */
final class MasterData {

    private final CopySink sink;
    private final Sequences ids;
    private final SplittableRandom random;
    private final GenerateProgress progress;

    MasterData(CopySink sink, Sequences ids, SplittableRandom random, GenerateProgress progress) {
        this.sink = sink;
        this.ids = ids;
        this.random = random;
        this.progress = progress;
    }

    Catalog ensure(WmsState state, LocalDate firstDay, int orders, int days) {
        List<Warehouse> warehouses = warehouses(state, firstDay);
        double dailyUnits = (double) orders / days * DemandModel.UNITS_PER_ORDER / warehouses.size();
        List<Location> locations = locations(state, warehouses, dailyUnits);
        List<Product> products = products(state, firstDay);
        List<Customer> customers = customers(state, warehouses, firstDay, orders);
        return new Catalog(warehouses, locations, products, customers);
    }

    private List<Warehouse> warehouses(WmsState state, LocalDate firstDay) {
        List<Warehouse> made = state.warehouses().isEmpty()
                ? new WarehouseMaker().make(ids.warehouses, firstDay, random, rows(WmsTable.WAREHOUSES))
                : List.of();
        return reported(WmsTable.WAREHOUSES, state.warehouses(), made);
    }

    private List<Location> locations(WmsState state, List<Warehouse> warehouses, double dailyUnits) {
        Set<Integer> stocked = new TreeSet<>();
        state.locations().forEach(location -> stocked.add(location.warehouseId()));
        List<Warehouse> bare =
                warehouses.stream().filter(w -> !stocked.contains(w.id())).toList();
        List<Location> made = new LocationMaker(ids.locations, random, rows(WmsTable.LOCATIONS)).make(bare, dailyUnits);
        return reported(WmsTable.LOCATIONS, state.locations(), made);
    }

    private List<Product> products(WmsState state, LocalDate firstDay) {
        List<Product> made = state.products().isEmpty()
                ? new ProductMaker(ids.products, random, rows(WmsTable.PRODUCTS)).make(firstDay)
                : List.of();
        return reported(WmsTable.PRODUCTS, state.products(), made);
    }

    private List<Customer> customers(WmsState state, List<Warehouse> warehouses, LocalDate firstDay, int orders) {
        List<String> regions =
                warehouses.stream().map(Warehouse::region).distinct().toList();
        List<Customer> made = state.customers().isEmpty()
                ? new CustomerMaker(ids.customers, random, rows(WmsTable.CUSTOMERS))
                        .make(CustomerMaker.count(orders), regions, firstDay)
                : List.of();
        return reported(WmsTable.CUSTOMERS, state.customers(), made);
    }

    private CopyBuffer rows(WmsTable table) {
        return sink.rows(table);
    }

    private <T> List<T> reported(WmsTable table, List<T> existing, List<T> made) {
        progress.update(table.tableName(), made.size(), made.size());
        List<T> all = new ArrayList<>(existing);
        all.addAll(made);
        return all;
    }
}
