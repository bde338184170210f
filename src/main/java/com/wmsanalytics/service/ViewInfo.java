package com.wmsanalytics.service;

import com.wmsanalytics.freshness.FreshnessState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One report for {@code views}: catalog facts, how and why it is refreshed that way, its last
 * refresh, its data as of and its freshness state.
 */
public record ViewInfo(
        String view,
        Optional<String> group,
        String mode,
        String modeReason,
        List<String> dependsOn,
        Optional<Instant> lastSuccessAt,
        Optional<String> lastStatus,
        Optional<Instant> dataAsOf,
        FreshnessState freshness) {

    public ViewInfo {
        dependsOn = List.copyOf(dependsOn);
    }
}
