package com.wmsanalytics.metrics;

import com.wmsanalytics.metrics.RefreshMetrics.RoleSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Optional;

/** Whether each node is a standby in recovery, read once per scrape. */
final class RoleCollector extends SampledCollector<RoleSample> {

    static final String IN_RECOVERY = "wms_analytics_node_in_recovery";

    RoleCollector(Counter scrapeErrors) {
        super("node roles", scrapeErrors);
    }

    @Override
    List<MetricSnapshot> snapshots(List<RoleSample> samples) {
        return List.of(gauge(
                IN_RECOVERY,
                null,
                "1 while the node is a standby in recovery, where nothing can be"
                        + " refreshed or recorded; 0 when it is writable",
                samples,
                s -> Optional.of(s.standby() ? 1.0 : 0.0)));
    }

    @Override
    Labels labels(RoleSample sample) {
        return Labels.of("node", sample.node());
    }
}
