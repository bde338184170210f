package com.wmsanalytics.service;

import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.gate.SubscriptionState;
import com.wmsanalytics.replication.server.NodeStatus;
import java.util.List;

/** Each node's role, each subscription's state, each view's last refresh, and its freshness against its objective. */
public record StatusReport(
        List<NodeStatus> nodes,
        List<SubscriptionState> subscriptions,
        List<Freshness> views,
        List<ReportFreshness> freshness) {

    public StatusReport {
        nodes = List.copyOf(nodes);
        subscriptions = List.copyOf(subscriptions);
        views = List.copyOf(views);
        freshness = List.copyOf(freshness);
    }
}
