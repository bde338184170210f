package com.wmsanalytics.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's HTTP endpoint for metrics, health and status: {@code wms-analytics.http}.
 *
 * @param webConfigFile a web configuration file in the Prometheus exporter toolkit's format
 *     (TLS, basic authentication users, headers); empty for plain HTTP with no login
 * @param healthOpen whether {@code /health/live} and {@code /health/ready} answer without a login
 * @param requestTimeout how long a connection may take to send a whole request
 * @param maxConnections connections served at once; more are accepted only as others close
 */
public record HttpSettings(
        boolean enabled,
        String host,
        int port,
        Optional<Path> webConfigFile,
        boolean healthOpen,
        Duration requestTimeout,
        int maxConnections) {

    /** Plain HTTP on host:port with the defaults of reference.conf. */
    public static HttpSettings plain(String host, int port) {
        return new HttpSettings(true, host, port, Optional.empty(), true, Duration.ofSeconds(10), 256);
    }

    public HttpSettings withWebConfig(Path file) {
        return new HttpSettings(enabled, host, port, Optional.of(file), healthOpen, requestTimeout, maxConnections);
    }

    public HttpSettings withHealthOpen(boolean open) {
        return new HttpSettings(enabled, host, port, webConfigFile, open, requestTimeout, maxConnections);
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(enabled, host, port, webConfigFile, healthOpen, timeout, maxConnections);
    }
}
