package com.wmsanalytics.schedule;

import com.wmsanalytics.http.RefreshMetrics;
import com.wmsanalytics.refresh.ViewOutcome;
import com.wmsanalytics.replication.GateResult;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;

/** Feeds each scheduled run's outcome into the Prometheus metrics. */
public final class MetricsObserver implements RunObserver {

    private final RefreshMetrics metrics;
    private final InstantSource clock;

    public MetricsObserver(RefreshMetrics metrics, InstantSource clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void finished(String job, RefreshReport report) {
        report.gate().ifPresent(g -> metrics.gateWaited(job, g.waited()));
        for (ViewOutcome o : report.views()) {
            metrics.viewFinished(o.view().qualified(), lower(o.status()), o.duration().orElse(Duration.ZERO),
                    o.rows().map(OptionalLong::of).orElse(OptionalLong.empty()), o.finishedAt().orElse(clock.instant()),
                    report.gate().flatMap(GateResult::dataAsOf).map(Instant::from));
        }
        metrics.runFinished(job, lower(report.status()));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
