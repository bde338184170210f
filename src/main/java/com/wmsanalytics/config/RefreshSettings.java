package com.wmsanalytics.config;

import java.time.Duration;

/**
 * How reports are refreshed: {@code wms-analytics.refresh}.
 *
 * @param recomputeJit whether a bucketed recompute of an incremental report may use JIT; when
 *     false it runs with {@code jit = off}, and a full rebuild keeps the server's setting
 */
public record RefreshSettings(
        int parallelism, Duration statementTimeout, Duration lockTimeout, String timeZone, boolean recomputeJit) {}
