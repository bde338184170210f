package com.wmsanalytics.http;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's metrics as the service serves them: a fresh registry, the service's metrics on it
 * (on a clock stopped at the epoch), and an endpoint on a free loopback port for each test.
 * Register it as an instance field with {@code @RegisterExtension}.
 */
final class ServedMetrics implements BeforeEachCallback, AfterEachCallback {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefreshMetrics metrics = new RefreshMetrics(registry, new SettableClock(Instant.EPOCH));
    private HttpEndpoint endpoint;

    @Override
    public void beforeEach(ExtensionContext context) {
        endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, List::of);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        endpoint.close();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    RefreshMetrics metrics() {
        return metrics;
    }

    HttpEndpoint endpoint() {
        return endpoint;
    }
}
