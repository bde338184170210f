package com.wmsanalytics.config;

import java.util.List;
import java.util.Optional;

/**
 * One WMS primary that publishes to the replica.
 *
 * @param subscriptionHost the host the replica server uses to reach this publisher, when it
 *     differs from the host in {@code url}; with a multi-host url, one per host, comma-separated
 * @param failover whether the subscription's slot is synchronised to the publisher's standby
 *     (PostgreSQL 17 slot failover)
 */
public record PublisherConfig(
        String name,
        Endpoint endpoint,
        String publication,
        String subscription,
        List<String> schemas,
        Optional<String> subscriptionHost,
        boolean failover) {

    public PublisherConfig {
        schemas = List.copyOf(schemas);
    }

    /** A publisher without slot failover. */
    public PublisherConfig(
            String name,
            Endpoint endpoint,
            String publication,
            String subscription,
            List<String> schemas,
            Optional<String> subscriptionHost) {
        this(name, endpoint, publication, subscription, schemas, subscriptionHost, false);
    }
}
