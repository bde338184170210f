package com.wmsanalytics.config;

import java.util.List;
import java.util.Optional;

/**
 * One WMS primary that publishes to the replica.
 *
 * @param subscriptionHost the host the replica server uses to reach this publisher, when it
 *     differs from the host in {@code url}
 */
public record PublisherConfig(
        String name,
        Endpoint endpoint,
        String publication,
        String subscription,
        List<String> schemas,
        Optional<String> subscriptionHost) {

    public PublisherConfig {
        schemas = List.copyOf(schemas);
    }
}
