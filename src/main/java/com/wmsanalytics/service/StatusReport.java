package com.wmsanalytics.service;

import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.SubscriptionState;
import java.util.List;

/** Each subscription's state, each view's last refresh, and each view's freshness against its objective. */
public record StatusReport(List<SubscriptionState> subscriptions, List<Freshness> views, List<ReportFreshness> freshness) {

    public StatusReport {
        subscriptions = List.copyOf(subscriptions);
        views = List.copyOf(views);
        freshness = List.copyOf(freshness);
    }
}
