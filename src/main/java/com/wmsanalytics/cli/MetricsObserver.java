package com.wmsanalytics.cli;

import com.wmsanalytics.http.RefreshMetrics;
import com.wmsanalytics.refresh.ViewOutcome;
import com.wmsanalytics.replication.GateResult;
import com.wmsanalytics.schedule.RunObserver;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;

/** Feeds each scheduled run's outcome into the Prometheus metrics. */
final class MetricsObserver implements RunObserver {

    private final RefreshMetrics metrics;
    private final InstantSource clock;

    MetricsObserver(RefreshMetrics metrics, InstantSource clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void finished(String job, RefreshReport report) {
        report.gate().ifPresent(g -> metrics.gateWaited(job, g.waited()));
        for (ViewOutcome o : report.views()) {
            metrics.viewFinished(o.view().qualified(), Formats.lower(o.status()), o.duration().orElse(Duration.ZERO),
                    o.rows().map(OptionalLong::of).orElse(OptionalLong.empty()), o.finishedAt().orElse(clock.instant()),
                    report.gate().flatMap(GateResult::dataAsOf).map(Instant::from));
        }
        metrics.runFinished(job, Formats.lower(report.status()));
    }
}
