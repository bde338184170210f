package com.wmsanalytics.freshness;

import com.wmsanalytics.config.FreshnessObjective;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One report's freshness against its objective, as of one moment.
 *
 * @param view {@code schema.name}
 * @param dataAsOf the publisher time the gate of its newest gated, successful refresh covered
 * @param age that moment minus {@code dataAsOf}
 * @param reason why the state is what it is, in words: "data as of 27 h ago, warn after 26 h"
 */
public record ReportFreshness(
        String view,
        Optional<String> group,
        Optional<Instant> dataAsOf,
        Optional<Duration> age,
        Optional<FreshnessObjective> objective,
        FreshnessState state,
        String reason) {}
