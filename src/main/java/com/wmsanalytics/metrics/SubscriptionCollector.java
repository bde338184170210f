package com.wmsanalytics.metrics;

import com.wmsanalytics.metrics.RefreshMetrics.SubscriptionSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The per-subscription gauges, read from the source once per scrape. */
final class SubscriptionCollector extends SampledCollector<SubscriptionSample> {

    static final String LAG = "wms_analytics_subscription_lag_bytes";
    static final String APPLY_ERRORS = "wms_analytics_subscription_apply_errors";
    static final String REPLAY_LAG = "wms_analytics_subscription_replay_lag_seconds";
    static final String RETAINED_WAL = "wms_analytics_slot_retained_wal_bytes";
    static final String SAFE_WAL_SIZE = "wms_analytics_slot_safe_wal_size_bytes";
    static final String WAL_STATUS = "wms_analytics_slot_wal_status";
    static final String GAP = "wms_analytics_subscription_gap";
    static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");

    SubscriptionCollector(Counter scrapeErrors) {
        super("subscriptions", scrapeErrors);
    }

    @Override
    List<MetricSnapshot> snapshots(List<SubscriptionSample> samples) {
        return List.of(
                gauge(
                        LAG,
                        null,
                        "Bytes of the publisher's WAL the subscription has not yet applied",
                        samples,
                        s -> value(s.bytesBehind())),
                gauge(
                        APPLY_ERRORS,
                        null,
                        "Errors of the subscription's apply worker, as counted by the replica",
                        samples,
                        s -> value(s.applyErrors())),
                gauge(
                        REPLAY_LAG,
                        Unit.SECONDS,
                        "The publisher's replay_lag of the subscription's walsender; 0 when caught" + " up and idle",
                        samples,
                        s -> s.replayLag().map(d -> d.toNanos() / 1e9)),
                gauge(
                        RETAINED_WAL,
                        null,
                        "Bytes of WAL the subscription's slot holds on the publisher"
                                + " (pg_current_wal_lsn() - restart_lsn)",
                        samples,
                        s -> value(s.retainedWal())),
                gauge(
                        SAFE_WAL_SIZE,
                        null,
                        "Bytes the publisher may still write before the slot is lost (safe_wal_size);"
                                + " absent when max_slot_wal_keep_size is unlimited",
                        samples,
                        s -> value(s.safeWalSize())),
                walStatus(samples),
                gauge(
                        GAP,
                        null,
                        "1 when refreshes are refused because the replica was promoted without a prepared"
                                + " switchover and the subscription may have skipped transactions (run setup"
                                + " --resync), or awaits setup after a switchover; 0 otherwise",
                        samples,
                        s -> Optional.of(s.gap() ? 1.0 : 0.0)));
    }

    /** 1 for the slot's wal_status, 0 for the other three: an alert selects wal_status="lost". */
    private MetricSnapshot walStatus(List<SubscriptionSample> samples) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder()
                .name(WAL_STATUS)
                .help("1 for the slot's wal_status (reserved, extended, unreserved, lost), 0 for the others");
        for (SubscriptionSample s : samples) {
            s.walStatus()
                    .ifPresent(current -> WAL_STATUSES.forEach(
                            status -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                    .labels(labels(s).add("wal_status", status))
                                    .value(status.equals(current) ? 1 : 0)
                                    .build())));
        }
        return gauge.build();
    }

    @Override
    Labels labels(SubscriptionSample sample) {
        return Labels.of("publisher", sample.publisher(), "subscription", sample.subscription());
    }

    private static Optional<Double> value(OptionalLong value) {
        return value.isPresent() ? Optional.of((double) value.getAsLong()) : Optional.empty();
    }
}
