package com.wmsanalytics.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One job's scheduled runs that succeeded in one hour, folded into a row once older than
 * {@code history.summarize-after}.
 *
 * @param fireTimes the distinct fire times they ran for: equal to {@code runs} when none ran twice
 * @param dataAgeMax the largest age of the data a run finished with ({@code finished_at - data_as_of})
 */
public record RunSummary(
        String job,
        Instant hourStart,
        int runs,
        int fireTimes,
        Optional<Instant> firstScheduledFor,
        Optional<Instant> lastScheduledFor,
        Instant firstStartedAt,
        Instant lastFinishedAt,
        Duration durationMedian,
        Duration durationMax,
        Optional<Duration> gateWaitedMax,
        Optional<Duration> dataAgeMax,
        Optional<Instant> lastDataAsOf,
        long reportRefreshes) {}
