package com.wmsanalytics.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One refresh job, read from {@code <name>.conf} in the jobs directory. It refreshes either
 * a refresh group or a list of views: exactly one of {@code group} and {@code views} is set.
 *
 * @param cron a Quartz cron expression (seconds first), read in {@code timeZone}
 * @param views {@code schema.name} of each view, empty when the job refreshes a group
 * @param gateTimeout how long the catch-up gate may wait; empty: {@code wms-analytics.gate.timeout}
 * @param source the file the job was read from, for messages
 */
public record JobDefinition(
        String name,
        String cron,
        ZoneId timeZone,
        Optional<String> group,
        List<String> views,
        Optional<Duration> gateTimeout,
        RetryPolicy retry,
        boolean enabled,
        String source) {

    public JobDefinition {
        views = List.copyOf(views);
    }
}
