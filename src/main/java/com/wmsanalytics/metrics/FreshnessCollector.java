package com.wmsanalytics.metrics;

import com.wmsanalytics.metrics.RefreshMetrics.FreshnessSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Each report's freshness objective and state, read once per scrape. The state is one series
 * per possible state, 1 for the report's current one and 0 for the others, so that an alert
 * selects {@code state="error"} without knowing a numeric code.
 */
final class FreshnessCollector extends SampledCollector<FreshnessSample> {

    static final String OBJECTIVE = "wms_analytics_view_freshness_objective_seconds";
    static final String STATE = "wms_analytics_view_freshness_state";
    static final List<String> STATES = List.of("fresh", "warn", "error", "unknown");

    FreshnessCollector(Counter scrapeErrors) {
        super("freshness", scrapeErrors);
    }

    @Override
    List<MetricSnapshot> snapshots(List<FreshnessSample> samples) {
        GaugeSnapshot.Builder objective = GaugeSnapshot.builder()
                .name(OBJECTIVE)
                .unit(Unit.SECONDS)
                .help("The report's freshness objective: the data-as-of age at which it turns warn or error");
        GaugeSnapshot.Builder state = GaugeSnapshot.builder()
                .name(STATE)
                .help("1 for the report's freshness state (fresh, warn, error, unknown), 0 for the others");
        for (FreshnessSample s : samples) {
            point(objective, s, "level", "warn", s.warnAfter().map(FreshnessCollector::seconds));
            point(objective, s, "level", "error", s.errorAfter().map(FreshnessCollector::seconds));
            STATES.forEach(st -> point(state, s, "state", st, Optional.of(st.equals(s.state()) ? 1.0 : 0.0)));
        }
        return List.of(objective.build(), state.build());
    }

    @Override
    Labels labels(FreshnessSample sample) {
        return Labels.of("view", sample.view());
    }

    private void point(GaugeSnapshot.Builder gauge, FreshnessSample s, String label, String value, Optional<Double> v) {
        v.ifPresent(x -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(labels(s).add(label, value))
                .value(x)
                .build()));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
