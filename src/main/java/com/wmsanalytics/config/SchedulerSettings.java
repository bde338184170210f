package com.wmsanalytics.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's scheduler: {@code wms-analytics.scheduler}.
 *
 * @param jobsDir the directory of the job files, relative to the working directory unless absolute
 * @param threads the scheduler's worker threads: how many jobs may run at once
 * @param shutdownTimeout on SIGTERM, how long running refreshes may go on before the process exits
 * @param instanceName the scheduler's name; the service instances of one cluster share it
 * @param clusterCheckinInterval how often an instance checks in to the cluster
 * @param clusterFailoverGrace how long past a missed check-in an instance counts as failed, and
 *     another takes over its work
 * @param misfireThreshold how late a firing may be before it counts as missed; a missed
 *     firing runs once as soon as an instance is up
 * @param storeRetryInterval how long the scheduler waits before it tries the replica again after
 *     its store failed (Quartz's {@code dbRetryInterval}), and how often a firing held back by a
 *     refusal (the replica is a standby, or a subscription has a gap) is tried again
 */
public record SchedulerSettings(
        Path jobsDir,
        int threads,
        Duration shutdownTimeout,
        String instanceName,
        Duration clusterCheckinInterval,
        Duration clusterFailoverGrace,
        Duration misfireThreshold,
        Duration storeRetryInterval) {}
