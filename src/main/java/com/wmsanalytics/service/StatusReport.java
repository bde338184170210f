package com.wmsanalytics.service;

import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.NodeStatus;
import com.wmsanalytics.replication.SubscriptionState;
import java.util.List;

/** Each node's role, each subscription's state and each view's freshness. */
public record StatusReport(List<NodeStatus> nodes, List<SubscriptionState> subscriptions, List<Freshness> views) {

    public StatusReport {
        nodes = List.copyOf(nodes);
        subscriptions = List.copyOf(subscriptions);
        views = List.copyOf(views);
    }
}
