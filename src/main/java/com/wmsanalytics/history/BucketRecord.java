package com.wmsanalytics.history;

/** What an incremental report's refresh rewrote: buckets recomputed, rows deleted and inserted. */
public record BucketRecord(long buckets, long rowsDeleted, long rowsInserted) {}
