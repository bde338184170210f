package com.wmsanalytics.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A run about to start.
 *
 * @param job the job's name, such as {@code daily}, or {@code adhoc}
 * @param retryOf for a retry, the first run of its retry chain
 * @param requestedBy the operating-system user of this process
 * @param scheduledFor the fire time a scheduled run (or its retry) executes; empty ad hoc
 */
public record NewRun(
        String job,
        Trigger trigger,
        Optional<Long> retryOf,
        String requestedBy,
        String host,
        Instant startedAt,
        Optional<Instant> scheduledFor) {

    public NewRun {
        requireNonNull(job, "job");
        requireNonNull(trigger, "trigger");
        requireNonNull(retryOf, "retryOf");
        requireNonNull(requestedBy, "requestedBy");
        requireNonNull(host, "host");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(scheduledFor, "scheduledFor");
    }
}
