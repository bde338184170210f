package com.wmsanalytics.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each product lives in each warehouse: one pick bin it is picked from, and one
 * storage location that receipts go to and replenishment comes from (a bulk bay for the
 * fast movers, a reserve rack for the rest). Several products share a bin.
 */
final class Slotting {

    private final Location[][] pick;
    private final Location[][] reserve;
    private final Location[][] bulk;
    private final Popularity popularity;

    Slotting(Catalog catalog, Popularity popularity) {
        int warehouses = catalog.warehouses().size();
        this.pick = new Location[warehouses][];
        this.reserve = new Location[warehouses][];
        this.bulk = new Location[warehouses][];
        this.popularity = popularity;
        for (int w = 0; w < warehouses; w++) {
            List<Location> own = own(catalog, catalog.warehouseId(w));
            pick[w] = zone(own, "pick");
            reserve[w] = zone(own, "reserve");
            bulk[w] = zone(own, "bulk");
        }
    }

    Location pickBin(int warehouse, int product) {
        Location[] bins = pick[warehouse];
        return bins[product % bins.length];
    }

    Location storage(int warehouse, int product) {
        Location[] bins = popularity.fastMover(product) ? bulk[warehouse] : reserve[warehouse];
        return bins[(product * 7 + 3) % bins.length];
    }

    private static List<Location> own(Catalog catalog, int warehouseId) {
        List<Location> own = new ArrayList<>();
        for (Location location : catalog.locations()) {
            if (location.warehouseId() == warehouseId) {
                own.add(location);
            }
        }
        return own;
    }

    /** The bins of a zone, or all of the warehouse's bins when it has none in that zone. */
    private static Location[] zone(List<Location> own, String zone) {
        Location[] inZone = own.stream().filter(l -> l.zone().equals(zone)).toArray(Location[]::new);
        return inZone.length > 0 ? inZone : own.toArray(Location[]::new);
    }
}
