package com.wmsanalytics.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The master data of a run. The simulation addresses warehouses and products by their
 * index in id order and turns indexes back into ids when it writes rows.
 */
final class Catalog {

    private final List<Warehouse> warehouses;
    private final List<Location> locations;
    private final List<Product> products;
    private final List<Customer> customers;
    private final Map<Integer, Integer> warehouseIndex = new HashMap<>();
    private final Map<Integer, Integer> productIndex = new HashMap<>();
    private final int[] casePack;
    private final int[] gramsPerUnit;

    Catalog(List<Warehouse> warehouses, List<Location> locations, List<Product> products, List<Customer> customers) {
        this.warehouses = List.copyOf(warehouses);
        this.locations = List.copyOf(locations);
        this.products = List.copyOf(products);
        this.customers = List.copyOf(customers);
        this.casePack = new int[products.size()];
        this.gramsPerUnit = new int[products.size()];
        index();
    }

    private void index() {
        for (int i = 0; i < warehouses.size(); i++) {
            warehouseIndex.put(warehouses.get(i).id(), i);
        }
        for (int i = 0; i < products.size(); i++) {
            productIndex.put(products.get(i).id(), i);
            casePack[i] = ProductTraits.casePack(products.get(i));
            gramsPerUnit[i] = ProductTraits.gramsPerUnit(products.get(i));
        }
    }

    List<Warehouse> warehouses() {
        return warehouses;
    }

    List<Location> locations() {
        return locations;
    }

    List<Product> products() {
        return products;
    }

    List<Customer> customers() {
        return customers;
    }

    int warehouseId(int warehouse) {
        return warehouses.get(warehouse).id();
    }

    int warehouseIndex(int warehouseId) {
        return warehouseIndex.get(warehouseId);
    }

    int productId(int product) {
        return products.get(product).id();
    }

    int productIndex(int productId) {
        return productIndex.get(productId);
    }

    long unitPriceCents(int product) {
        return products.get(product).unitPriceCents();
    }

    int casePack(int product) {
        return casePack[product];
    }

    int gramsPerUnit(int product) {
        return gramsPerUnit[product];
    }
}
