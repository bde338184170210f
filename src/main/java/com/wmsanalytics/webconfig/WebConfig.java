package com.wmsanalytics.webconfig;

import java.util.Map;
import java.util.Optional;

/**
 * A web configuration file as the Prometheus exporter toolkit reads it: TLS, basic
 * authentication users with their bcrypt hashes, and extra response headers.
 *
 * @param tls present when the endpoint speaks TLS
 * @param users user name to bcrypt hash; empty when no login is asked for
 * @param headers {@code http_server_config.headers}: sent with every response
 */
public record WebConfig(Optional<TlsSettings> tls, Map<String, String> users, Map<String, String> headers) {

    public WebConfig {
        users = Map.copyOf(users);
        headers = Map.copyOf(headers);
    }

    /** No TLS, no users, no headers: what the endpoint serves without a web configuration file. */
    public static WebConfig none() {
        return new WebConfig(Optional.empty(), Map.of(), Map.of());
    }

    public boolean authenticates() {
        return !users.isEmpty();
    }
}
