package com.wmsanalytics.daemon;

import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.refresh.ReportVerifier;
import com.wmsanalytics.schedule.RunObserver;
import com.wmsanalytics.service.RefreshReport;
import java.util.List;
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
        for (ReportOutcome o : report.views()) {
            metrics.viewFinished(
                    o.view().qualified(),
                    lower(o.status()),
                    o.rows().map(OptionalLong::of).orElse(OptionalLong.empty()));
            if (o.succeeded()) {
                metrics.viewRefreshed(
                        o.view().qualified(),
                        o.mode().label(),
                        o.buckets().map(b -> b.buckets()).orElse(0L),
                        o.buckets().map(b -> b.rowsDeleted()).orElse(0L),
                        o.buckets().map(b -> b.rowsInserted()).orElse(0L));
            }
        }
        metrics.runFinished(job, lower(report.status()));
    }

    @Override
    public void verified(String job, List<ReportVerifier.Check> checks) {
        checks.stream()
                .filter(c -> c.report().isIncremental())
                .forEach(c ->
                        metrics.verified(c.report().qualified(), c.differing().size()));
    }

    @Override
    public void failed(String job) {
        metrics.runFinished(job, "failed");
    }

    @Override
    public void coalesced(String job) {
        metrics.runFinished(job, "coalesced");
    }

    @Override
    public void purged(boolean succeeded) {
        metrics.historyPurged(succeeded);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
