package com.wmsanalytics.refresh;

/**
 * How an incremental report is maintained, from {@code analytics_control.incremental_report}.
 *
 * @param bucketColumn the report's date column that names its bucket
 * @param bucketUnit {@code day}, {@code week} or {@code month}
 * @param definitionSchema the schema of its definition function {@code <report>_rows(date[], date)}
 * @param definitionName that function's name
 * @param captured whether triggers on the mirror record its dirty buckets (it then has an open window)
 */
public record Incremental(String bucketColumn, String bucketUnit, String definitionSchema, String definitionName,
        boolean captured) {}
