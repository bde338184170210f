package com.wmsanalytics.service;

import com.wmsanalytics.history.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A refresh to run: a group or named views, who asked, and how the gate applies.
 *
 * @param job the job name recorded in the history: a scheduled job's name, or {@code adhoc}
 * @param gateTimeout overrides {@code gate.timeout}
 * @param gated false for {@code --no-gate}: refresh without waiting, recorded as ungated
 * @param scheduledFor the fire time of a scheduled run or its retry
 * @param full rebuild incremental reports from their whole definition ({@code refresh --full})
 */
public record RefreshRequest(
        String job,
        Trigger trigger,
        Optional<Long> retryOf,
        Optional<String> group,
        List<String> views,
        Optional<Duration> gateTimeout,
        boolean gated,
        Optional<Instant> scheduledFor,
        boolean full) {

    public RefreshRequest {
        views = List.copyOf(views);
    }

    public static RefreshRequest adhoc(
            Optional<String> group, List<String> views, Optional<Duration> gateTimeout, boolean gated) {
        return new RefreshRequest(
                group.orElse("adhoc"),
                Trigger.CLI,
                Optional.empty(),
                group,
                views,
                gateTimeout,
                gated,
                Optional.empty(),
                false);
    }

    /** The same request, rebuilding incremental reports in full. */
    public RefreshRequest withFull(boolean rebuild) {
        return new RefreshRequest(job, trigger, retryOf, group, views, gateTimeout, gated, scheduledFor, rebuild);
    }
}
