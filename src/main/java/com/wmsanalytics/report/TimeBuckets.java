package com.wmsanalytics.report;

import java.util.List;
import java.util.Optional;

/**
 * How a {@code by-time} report is kept incrementally: its bucket column and unit, and how
 * each source table's rows map to buckets.
 *
 * @param column the report's date column that names its bucket
 * @param unit {@code day}, {@code week} or {@code month}
 * @param sources the tables whose changes dirty buckets; a change to any other table the
 *     report reads rebuilds it in full
 */
public record TimeBuckets(String column, String unit, List<Source> sources) {

    public TimeBuckets {
        sources = List.copyOf(sources);
    }

    /** The declared source of a table without a parent, which holds the time column. */
    Optional<Source> timeSourceOf(Source.Table table) {
        return sources.stream()
                .filter(s -> s.table().equals(table) && s.parent().isEmpty())
                .findFirst();
    }
}
