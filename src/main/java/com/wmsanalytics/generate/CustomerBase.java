package com.wmsanalytics.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who orders: customers are drawn with a skewed activity fixed by their id, and order
 * mostly from the warehouse of their own region.
 */
final class CustomerBase {

    private static final double HOME_SHARE = 0.85;

    private final List<Customer> customers;
    private final WeightedSampler activity;
    private final int[] homeWarehouse;
    private final int warehouses;
    private final Map<Integer, Integer> index = new HashMap<>();

    CustomerBase(List<Customer> customers, List<Warehouse> warehouses) {
        this.customers = customers;
        this.warehouses = warehouses.size();
        long[] keys = new long[customers.size()];
        homeWarehouse = new int[customers.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = StableHash.mix(customers.get(i).id() * 0xC2B2AE3D27D4EB4FL + 29);
            homeWarehouse[i] = home(customers.get(i), warehouses);
            index.put(customers.get(i).id(), i);
        }
        activity = WeightedSampler.zipf(Ranking.byKey(keys), 3, 0.8);
    }

    private static int home(Customer customer, List<Warehouse> warehouses) {
        for (int w = 0; w < warehouses.size(); w++) {
            if (warehouses.get(w).region().equals(customer.region())) {
                return w;
            }
        }
        return Math.floorMod(customer.id(), warehouses.size());
    }

    int sample(SplittableRandom random) {
        return activity.sample(random);
    }

    Customer customer(int index) {
        return customers.get(index);
    }

    /** The segment of a customer by id; customers this generator did not make count as retail. */
    Segment segmentOf(int customerId) {
        Integer i = index.get(customerId);
        return i == null ? Segment.RETAIL : customers.get(i).segment();
    }

    int warehouseFor(int customer, SplittableRandom random) {
        if (warehouses == 1 || random.nextDouble() < HOME_SHARE) {
            return homeWarehouse[customer];
        }
        int other = random.nextInt(warehouses - 1);
        return other >= homeWarehouse[customer] ? other + 1 : other;
    }
}
