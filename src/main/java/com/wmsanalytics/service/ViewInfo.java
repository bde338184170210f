package com.wmsanalytics.service;

import com.wmsanalytics.freshness.FreshnessState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One report for {@code views}: catalog facts, how and why it is refreshed that way, its
 * lineage, its last refresh, its data as of and its freshness state.
 *
 * @param dependsOn the reports it reads
 * @param sources the other tables it reads: the mirror's
 * @param readBy the reports that read it
 */
public record ViewInfo(
        String view,
        Optional<String> group,
        String mode,
        String modeReason,
        List<String> dependsOn,
        List<String> sources,
        List<String> readBy,
        Optional<Instant> lastSuccessAt,
        Optional<String> lastStatus,
        Optional<Instant> dataAsOf,
        FreshnessState freshness) {

    public ViewInfo {
        dependsOn = List.copyOf(dependsOn);
        sources = List.copyOf(sources);
        readBy = List.copyOf(readBy);
    }
}
