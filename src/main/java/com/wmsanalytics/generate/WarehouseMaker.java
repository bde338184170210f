package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Makes the warehouses of an empty database: four sites in four regions. */
final class WarehouseMaker {

    private static final String[][] SITES = {
        {"NE1", "Newark Fulfillment Center", "northeast"},
        {"SE1", "Atlanta Distribution Center", "southeast"},
        {"MW1", "Chicago Cross-Dock", "midwest"},
        {"W1", "Reno Fulfillment Center", "west"},
    };

    List<Warehouse> make(IdCounter ids, LocalDate firstDay, SplittableRandom random, CopyBuffer rows) {
        List<Warehouse> made = new ArrayList<>();
        for (String[] site : SITES) {
            int id = ids.nextInt();
            LocalDate opened = firstDay.minusDays(400 + random.nextInt(2_500));
            rows.number(id)
                    .text("WH-" + site[0])
                    .text(site[1])
                    .text(site[2])
                    .date(opened)
                    .endRow();
            made.add(new Warehouse(id, site[2]));
        }
        return made;
    }
}
