package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.metrics.JvmMetrics;
import com.wmsanalytics.metrics.PoolMetrics;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class PoolAndJvmMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void jvm_and_process_metrics_are_exported_once_bound() {
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        try {
            Scrape scrape = PrometheusTextParser.parse(registry.scrape());

            assertTrue(heapUsed(scrape) > 0);
            assertTrue(scrape.value("jvm_threads_live_threads") > 0);
            assertTrue(scrape.value("process_uptime_seconds") > 0);
            assertTrue(scrape.value("system_cpu_count") > 0);
            assertTrue(scrape.hasAny("jvm_gc_memory_allocated_bytes_total"));
        } finally {
            jvm.close();
        }
    }

    @Test
    void closing_jvm_metrics_twice_is_fine() {
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        jvm.close();
        jvm.close();

        assertTrue(PrometheusTextParser.parse(registry.scrape()).hasAny("jvm_threads_live_threads"));
    }

    @Test
    void a_pool_configured_with_the_tracker_exports_its_metrics_by_pool_name() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica");
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/wms_db");
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setMetricsTrackerFactory(PoolMetrics.hikariTracker(registry));

        HikariDataSource pool = new HikariDataSource(config);
        try {
            Scrape scrape = PrometheusTextParser.parse(registry.scrape());

            assertEquals(3, scrape.value("hikaricp_connections_max", "pool", "replica"));
            assertEquals(0, scrape.value("hikaricp_connections_active", "pool", "replica"));
        } finally {
            pool.close();
        }
    }

    private static double heapUsed(Scrape scrape) {
        return scrape.samples().stream()
                .filter(s -> s.name().equals("jvm_memory_used_bytes")
                        && "heap".equals(s.labels().get("area")))
                .mapToDouble(Scrape.Sample::value)
                .sum();
    }
}
