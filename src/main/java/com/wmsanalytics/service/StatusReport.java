package com.wmsanalytics.service;

import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.SubscriptionState;
import java.util.List;

/** Each subscription's state and each view's freshness. */
public record StatusReport(List<SubscriptionState> subscriptions, List<Freshness> views) {

    public StatusReport {
        subscriptions = List.copyOf(subscriptions);
        views = List.copyOf(views);
    }
}
