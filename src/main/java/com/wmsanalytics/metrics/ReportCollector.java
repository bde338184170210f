package com.wmsanalytics.metrics;

import com.wmsanalytics.metrics.RefreshMetrics.ViewSample;
import io.micrometer.core.instrument.Counter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-view gauges that the run history knows, read from the source once per scrape:
 * every instance exports the same values, whichever process refreshed the view.
 */
final class ReportCollector extends SampledCollector<ViewSample> {

    static final String LAST_SUCCESS = "wms_analytics_view_last_success_timestamp_seconds";
    static final String LAST_DURATION = "wms_analytics_view_last_refresh_duration_seconds";
    static final String DATA_AS_OF_AGE = "wms_analytics_view_data_as_of_age_seconds";

    private final Clock clock;

    ReportCollector(Counter scrapeErrors, Clock clock) {
        super("views", scrapeErrors);
        this.clock = clock;
    }

    @Override
    List<MetricSnapshot> snapshots(List<ViewSample> samples) {
        Instant now = clock.instant();
        return List.of(
                gauge(
                        LAST_SUCCESS,
                        Unit.SECONDS,
                        "When the view's last successful refresh finished",
                        samples,
                        s -> s.lastSuccessAt().map(ReportCollector::epochSeconds)),
                gauge(
                        LAST_DURATION,
                        Unit.SECONDS,
                        "How long the view's last successful refresh ran",
                        samples,
                        s -> s.lastDuration().map(ReportCollector::seconds)),
                gauge(
                        DATA_AS_OF_AGE,
                        Unit.SECONDS,
                        "Now minus the data-as-of time (publisher time) of the view's "
                                + "newest successful refresh that passed the catch-up gate; absent if none did",
                        samples,
                        s -> s.dataAsOf().map(asOf -> seconds(Duration.between(asOf, now)))));
    }

    @Override
    Labels labels(ViewSample sample) {
        return Labels.of("view", sample.view());
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
