package com.wmsanalytics.config;

import java.time.Duration;

/**
 * How old a report's data as of may get: past {@code warnAfter} it is in warning, past
 * {@code errorAfter} in error. {@code warnAfter} is never longer than {@code errorAfter}.
 */
public record FreshnessObjective(Duration warnAfter, Duration errorAfter) {}
