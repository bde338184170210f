package com.wmsanalytics.config;

import com.wmsanalytics.UsageException;
import java.time.Duration;
import java.util.List;

/** The whole validated configuration, loaded once at start-up. */
public record AppConfig(
        String source,
        Endpoint replica,
        int poolSize,
        Duration connectTimeout,
        List<PublisherConfig> publishers,
        Duration syncTimeout,
        GateSettings gate,
        RefreshSettings refresh,
        Duration historyRetention,
        Duration backupRetention,
        SchedulerSettings scheduler,
        HttpSettings http,
        FreshnessObjectives freshness) {

    public AppConfig {
        publishers = List.copyOf(publishers);
    }

    public PublisherConfig publisher(String name) {
        return publishers.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new UsageException("unknown publisher '" + name + "'; configured: " + publisherNames()));
    }

    public List<String> publisherNames() {
        return publishers.stream().map(PublisherConfig::name).toList();
    }
}
