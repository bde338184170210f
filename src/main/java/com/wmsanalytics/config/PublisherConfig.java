package com.wmsanalytics.config;

import java.util.List;
import java.util.Optional;

/**
 * One WMS primary that publishes to the replica.
 *
 * @param tables the tables this entry publishes, each {@code schema.table}; empty for every
 *     table of {@code schemas}. Two entries for one database may split its tables between
 *     them, each through its own publication and subscription.
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
        List<String> tables,
        Optional<String> subscriptionHost,
        boolean failover) {

    public PublisherConfig {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
    }

    /** Of the tables in this entry's schemas, those it publishes: all of them, or those of {@code tables}. */
    public List<String> published(List<String> tablesOfSchemas) {
        return tables.isEmpty()
                ? tablesOfSchemas
                : tablesOfSchemas.stream().filter(tables::contains).toList();
    }

    /** The tables the {@code tables} key names that {@code tablesOfSchemas} lacks. */
    public List<String> missing(List<String> tablesOfSchemas) {
        return tables.stream().filter(t -> !tablesOfSchemas.contains(t)).toList();
    }
}
