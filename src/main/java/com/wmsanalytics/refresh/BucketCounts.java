package com.wmsanalytics.refresh;

/** What an incremental report's refresh rewrote: buckets recomputed, rows deleted and inserted. */
public record BucketCounts(long buckets, long rowsDeleted, long rowsInserted) {}
