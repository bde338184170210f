package com.wmsanalytics.refresh;

import java.util.Optional;
import java.util.Set;

/**
 * A materialized view as the catalog describes it.
 *
 * @param dependsOn the materialized views it reads, directly or through plain views, as
 *     {@code schema.name}
 */
public record MaterializedView(
        long oid, String schema, String name, boolean populated, boolean hasUniqueIndex, Optional<String> group,
        Set<String> dependsOn) {

    public MaterializedView {
        dependsOn = Set.copyOf(dependsOn);
    }

    public String qualified() {
        return schema + "." + name;
    }

    public RefreshMode mode() {
        return populated && hasUniqueIndex ? RefreshMode.CONCURRENT : RefreshMode.PLAIN;
    }
}
