package com.wmsanalytics.config;

import java.time.Duration;

/** How long and how often the catch-up gate waits: {@code wms-analytics.gate}. */
public record GateSettings(Duration timeout, Duration pollInterval) {}
