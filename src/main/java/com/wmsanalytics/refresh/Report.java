package com.wmsanalytics.refresh;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A report as the catalog describes it: a materialized view, or a table that wms-analytics
 * maintains incrementally or rebuilds at every refresh.
 *
 * @param groups the refresh groups whose jobs refresh it, the one that judges its freshness first
 * @param dependsOn the reports it reads, directly or through plain views, as {@code schema.name}
 * @param sources the tables it reads that are not reports, such as the mirror's
 * @param incremental how it is maintained, for a table-backed report
 * @param fullRefreshReason why a materialized view is not incremental, when the migrations say
 */
public record Report(
        long oid,
        String schema,
        String name,
        boolean populated,
        boolean hasUniqueIndex,
        List<String> groups,
        Set<String> dependsOn,
        Set<String> sources,
        Optional<Incremental> incremental,
        Optional<String> fullRefreshReason) {

    public Report {
        groups = List.copyOf(groups);
        dependsOn = Set.copyOf(dependsOn);
        sources = Set.copyOf(sources);
    }

    /** Its first group, whose freshness objective judges it, when it is in one. */
    public Optional<String> group() {
        return groups.stream().findFirst();
    }

    public String qualified() {
        return schema + "." + name;
    }

    /** Whether it recomputes only what changed: a report kept by time or by key. */
    public boolean isIncremental() {
        return incremental.filter(i -> !i.replaced()).isPresent();
    }

    /** Whether it is a table the tool writes (kept by time or by key, or of kind table), not a materialized view. */
    public boolean tableBacked() {
        return incremental.isPresent();
    }

    /** The planned mode; an incremental report may still be rebuilt in full, as the refresh decides. */
    public RefreshMode mode() {
        if (isIncremental()) {
            return RefreshMode.INCREMENTAL;
        }
        if (tableBacked()) {
            return RefreshMode.FULL;
        }
        return populated && hasUniqueIndex ? RefreshMode.CONCURRENT : RefreshMode.PLAIN;
    }

    /** Why the report is refreshed the way it is, in a user's words. */
    public String modeReason() {
        return incremental
                .map(i -> i.replaced()
                        ? "rebuilt in full, its rows replaced in one transaction, readers not blocked"
                        : "only the " + i.bucketUnit() + "s that changed are recomputed")
                .or(() -> fullRefreshReason)
                .orElse(populated && hasUniqueIndex ? "refreshed in full, readers not blocked" : "not populated yet");
    }
}
