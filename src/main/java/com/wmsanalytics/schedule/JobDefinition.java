package com.wmsanalytics.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One job, read from {@code <name>.conf} in the jobs directory. A refresh job refreshes either
 * a refresh group or a list of views: exactly one of {@code group} and {@code views} is set.
 * A verify job checks the incremental reports of its group or views (all when neither is set)
 * against their definitions, and with {@code repair} recomputes the buckets that differ. A
 * backup job dumps the replica into its directory ({@code wms-analytics backup}).
 *
 * @param cron a Quartz cron expression (seconds first), read in {@code timeZone}
 * @param views {@code schema.name} of each view, empty when the job refreshes a group
 * @param gateTimeout how long the catch-up gate may wait; empty: {@code wms-analytics.gate.timeout}
 * @param source the file the job was read from, for messages
 * @param action what the job does when it fires
 * @param repair a verify job recomputes the buckets that differ
 * @param directory a backup job's directory of backups; empty for the other actions
 * @param coalesce a firing that starts after the job's next fire time has come gives way to it
 *     and runs nothing, so that runs longer than the cadence go back to back on the latest fire
 *     time
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
        String source,
        Action action,
        boolean repair,
        Optional<Path> directory,
        boolean coalesce) {

    /** What a job does. */
    public enum Action {
        REFRESH,
        VERIFY,
        BACKUP
    }

    public JobDefinition {
        views = List.copyOf(views);
    }

    /** A refresh job. */
    public JobDefinition(
            String name,
            String cron,
            ZoneId timeZone,
            Optional<String> group,
            List<String> views,
            Optional<Duration> gateTimeout,
            RetryPolicy retry,
            boolean enabled,
            String source) {
        this(
                name,
                cron,
                timeZone,
                group,
                views,
                gateTimeout,
                retry,
                enabled,
                source,
                Action.REFRESH,
                false,
                Optional.empty(),
                false);
    }
}
