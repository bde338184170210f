package com.wmsanalytics.refresh;

import java.util.Optional;

/**
 * How an incremental report is maintained, from {@code analytics_control.incremental_report}.
 *
 * @param bucketColumn the report's date column that names its bucket
 * @param bucketUnit {@code day}, {@code week} or {@code month}; {@code key} for a report kept by
 *     key, whose {@code bucketColumn} is then its key column
 * @param definition its definition function {@code <report>_rows(date[], date)}
 * @param extent the function that names the buckets where the report's range may have moved
 * @param captured whether triggers on the mirror record its dirty buckets (it then has an open window)
 * @param swept whether it reads a table whose new rows the refresh sweeps first ({@code analytics_control.capture_sweep})
 */
public record Incremental(
        String bucketColumn,
        String bucketUnit,
        FunctionName definition,
        Optional<FunctionName> extent,
        boolean captured,
        boolean swept) {

    /** Whether it is kept key by key (a report file of kind by-key) rather than by date bucket. */
    public boolean keyed() {
        return "key".equals(bucketUnit);
    }

    /** A schema-qualified function name, read from the catalog. */
    public record FunctionName(String schema, String name) {}
}
