package com.wmsanalytics.cli;

import com.wmsanalytics.http.RefreshMetrics;
import com.wmsanalytics.refresh.ViewOutcome;
import com.wmsanalytics.schedule.RunObserver;
import com.wmsanalytics.service.RefreshReport;
import java.util.Locale;
import java.util.OptionalLong;

/** Feeds each scheduled run's outcome into the Prometheus metrics. */
public final class MetricsObserver implements RunObserver {

    private final RefreshMetrics metrics;

    public MetricsObserver(RefreshMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void finished(String job, RefreshReport report) {
        report.gate().ifPresent(g -> metrics.gateWaited(job, g.waited()));
        for (ViewOutcome o : report.views()) {
            metrics.viewFinished(o.view().qualified(), lower(o.status()),
                    o.rows().map(OptionalLong::of).orElse(OptionalLong.empty()));
        }
        metrics.runFinished(job, lower(report.status()));
    }

    @Override
    public void failed(String job) {
        metrics.runFinished(job, "failed");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
