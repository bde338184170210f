package com.wmsanalytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One view's series that count this instance's refresh events: its failures, and its rows
 * once a success of this instance counted them.
 */
final class ReportMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter failures;
    private final AtomicLong lastRows = new AtomicLong();
    private boolean rowsRegistered;

    ReportMeters(MeterRegistry registry, String view) {
        this.registry = registry;
        this.tags = Tags.of("view", view);
        this.failures = Counter.builder("wms_analytics.view.failures")
                .description("Refresh attempts of the view that failed, were blocked or found it locked")
                .tags(tags)
                .register(registry);
    }

    synchronized void finished(String status, OptionalLong rows) {
        if (status.equals("succeeded")) {
            rows.ifPresent(this::rows);
        } else {
            failures.increment();
        }
    }

    /** Registers the gauge the first time only: Micrometer warns about registering one twice. */
    private void rows(long rows) {
        lastRows.set(rows);
        if (!rowsRegistered) {
            Gauge.builder("wms_analytics.view.last.rows", lastRows, AtomicLong::get)
                    .description("Rows in the view after its last successful refresh by this instance")
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
            rowsRegistered = true;
        }
    }
}
