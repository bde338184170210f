package com.wmsanalytics.service;

import com.wmsanalytics.freshness.FreshnessState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One report for {@code views}: catalog facts, how and why it is refreshed that way, its
 * lineage, its last refresh, its data as of and its freshness state.
 *
 * @param group the group whose freshness objective judges it
 * @param groups every group whose job refreshes it, that one first
 * @param dependsOn the reports it reads
 * @param sources the other tables it reads: the mirror's
 * @param readBy the reports that read it
 */
public record ReportInfo(
        String view,
        Optional<String> group,
        List<String> groups,
        String mode,
        String modeReason,
        List<String> dependsOn,
        List<String> sources,
        List<String> readBy,
        Optional<Instant> lastSuccessAt,
        Optional<String> lastStatus,
        Optional<Instant> dataAsOf,
        FreshnessState freshness) {

    public ReportInfo {
        groups = List.copyOf(groups);
        dependsOn = List.copyOf(dependsOn);
        sources = List.copyOf(sources);
        readBy = List.copyOf(readBy);
    }
}
