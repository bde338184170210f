package com.wmsanalytics.config;

import java.time.Duration;

/** How views are refreshed: {@code wms-analytics.refresh}. */
public record RefreshSettings(int parallelism, Duration statementTimeout, Duration lockTimeout, String timeZone) {}
