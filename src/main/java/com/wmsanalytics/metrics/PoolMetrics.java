package com.wmsanalytics.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/** HikariCP's own connection-pool metrics ({@code hikaricp_*}, tagged with the pool name). */
public final class PoolMetrics {

    private PoolMetrics() {}

    /**
     * The tracker factory to configure a pool with, before the pool opens:
     * {@code hikariConfig.setMetricsTrackerFactory(PoolMetrics.hikariTracker(registry))}, then
     * {@code new HikariDataSource(hikariConfig)}. Give each pool a name ({@code setPoolName}):
     * it becomes the {@code pool} label.
     */
    public static MetricsTrackerFactory hikariTracker(MeterRegistry registry) {
        return new MicrometerMetricsTrackerFactory(registry);
    }
}
