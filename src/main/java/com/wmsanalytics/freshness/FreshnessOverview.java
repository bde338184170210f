package com.wmsanalytics.freshness;

import com.wmsanalytics.replication.gate.SubscriptionState;
import java.time.Instant;
import java.util.List;

/**
 * Everything the freshness page and {@code /api/freshness} show, read at one moment: each
 * report's freshness and last refreshes, and each publisher's subscription.
 */
public record FreshnessOverview(Instant generatedAt, List<ReportOverview> reports, List<SubscriptionState> publishers) {

    public FreshnessOverview {
        reports = List.copyOf(reports);
        publishers = List.copyOf(publishers);
    }

    /** How many reports are in the state. */
    public long count(FreshnessState state) {
        return reports.stream().filter(r -> r.freshness().state() == state).count();
    }
}
