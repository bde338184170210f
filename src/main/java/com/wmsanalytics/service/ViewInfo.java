package com.wmsanalytics.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One report for {@code views}: catalog facts, how and why it is refreshed that way, and its last refresh. */
public record ViewInfo(String view, Optional<String> group, String mode, String modeReason, List<String> dependsOn,
        Optional<Instant> lastSuccessAt, Optional<String> lastStatus) {

    public ViewInfo {
        dependsOn = List.copyOf(dependsOn);
    }
}
