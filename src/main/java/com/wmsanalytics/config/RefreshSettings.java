package com.wmsanalytics.config;

import java.time.Duration;

/**
 * How reports are refreshed: {@code wms-analytics.refresh}.
 *
 * @param recomputeJit whether a bucketed recompute of an incremental report may use JIT; when
 *     false it runs with {@code jit = off}, and a full rebuild keeps the server's setting
 * @param fullJit whether the refresh of a report refreshed in full (a materialized view) may use
 *     JIT; when false it runs with {@code jit = off}
 * @param fullRebuildPercent the share of an incremental report's buckets or keys, in percent,
 *     above which a refresh rebuilds it in full rather than recompute them; 100 never does
 */
public record RefreshSettings(
        int parallelism,
        Duration statementTimeout,
        Duration lockTimeout,
        String timeZone,
        boolean recomputeJit,
        boolean fullJit,
        int fullRebuildPercent) {}
