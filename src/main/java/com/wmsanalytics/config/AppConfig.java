package com.wmsanalytics.config;

import com.wmsanalytics.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole validated configuration, loaded once at start-up.
 *
 * @param historySummarizeAfter the age after which scheduled runs that succeeded are folded into
 *     hourly summaries ({@code history.summarize-after})
 * @param reportsDir the directory of the report files ({@code reports.dir}), if one is set
 */
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
        Duration historySummarizeAfter,
        Duration backupRetention,
        SchedulerSettings scheduler,
        HttpSettings http,
        FreshnessObjectives freshness,
        Optional<Path> reportsDir) {

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
