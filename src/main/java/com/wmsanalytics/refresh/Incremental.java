package com.wmsanalytics.refresh;

/**
 * How an incremental report is maintained, from {@code analytics_control.incremental_report}.
 *
 * @param bucketColumn the report's date column that names its bucket; null for a report of kind
 *     table
 * @param bucketUnit {@code day}, {@code week} or {@code month}; {@code key} for a report kept by
 *     key, whose {@code bucketColumn} is then its key column; {@code all} for a report of kind
 *     table, rebuilt at every refresh
 * @param definition its definition function {@code <report>_rows(date[], date)}
 * @param captured whether triggers on the mirror record its dirty buckets (it then has an open window)
 * @param swept whether it has a source whose new rows the refresh sweeps first ({@code analytics_control.report_sweep})
 */
public record Incremental(
        String bucketColumn, String bucketUnit, FunctionName definition, boolean captured, boolean swept) {

    /** Whether it is rebuilt from its definition at every refresh (a report file of kind table). */
    public boolean replaced() {
        return "all".equals(bucketUnit);
    }

    /** Whether it is kept key by key (a report file of kind by-key) rather than by date bucket. */
    public boolean keyed() {
        return "key".equals(bucketUnit);
    }

    /** A schema-qualified function name, read from the catalog. */
    public record FunctionName(String schema, String name) {}
}
