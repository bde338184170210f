package com.wmsanalytics.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One materialized view for {@code views}: catalog facts and its last refresh. */
public record ViewInfo(String view, Optional<String> group, String mode, List<String> dependsOn,
        Optional<Instant> lastSuccessAt, Optional<String> lastStatus) {

    public ViewInfo {
        dependsOn = List.copyOf(dependsOn);
    }
}
