package com.wmsanalytics.config;

/** The service's HTTP endpoint for metrics, health and status: {@code wms-analytics.http}. */
public record HttpSettings(boolean enabled, String host, int port) {}
