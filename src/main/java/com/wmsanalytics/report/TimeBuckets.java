package com.wmsanalytics.report;

import java.util.List;
import java.util.Optional;

/**
 * How a {@code by-time} report is kept incrementally: its bucket column and unit, and how
 * each source table's rows map to buckets.
 *
 * @param column the report's date column that names its bucket
 * @param unit {@code day}, {@code week} or {@code month}
 * @param lookback how many buckets before its own a bucket's row reads (a growth over the
 *     week before, say): a change dirties its bucket and as many after it, and a recompute
 *     reads that far back; 0 for none
 * @param sources the tables whose changes dirty buckets; a change to any other table the
 *     report reads rebuilds it in full
 */
public record TimeBuckets(String column, String unit, int lookback, List<Source> sources) {

    /** The units a bucket may have. */
    static final List<String> UNITS = List.of("day", "week", "month");

    public TimeBuckets {
        sources = List.copyOf(sources);
    }

    /** One bucket, as an interval literal: {@code '1 week'::interval}. */
    String step() {
        return "'1 " + unit + "'::interval";
    }

    /** The declared source of a table without a parent, which holds the time column. */
    Optional<Source> timeSourceOf(Source.Table table) {
        return sources.stream()
                .filter(s -> s.table().equals(table) && s.parent().isEmpty())
                .findFirst();
    }
}
