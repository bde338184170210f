package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wmsanalytics.daemon.MetricsObserver;
import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefreshMetrics metrics = new RefreshMetrics(registry, new SettableClock(Instant.EPOCH));

    @Test
    void runs_are_counted_by_job_and_status() {
        metrics.runFinished("daily", "succeeded");
        metrics.runFinished("daily", "succeeded");
        metrics.runFinished("weekly", "skipped");

        Scrape scrape = scrape();

        assertEquals(2, scrape.value("wms_analytics_runs_total", "job", "daily", "status", "succeeded"));
        assertEquals(1, scrape.value("wms_analytics_runs_total", "job", "weekly", "status", "skipped"));
    }

    @Test
    void every_status_of_a_job_starts_at_zero_once_the_job_has_run() {
        metrics.runFinished("monthly", "ungated");

        Scrape scrape = scrape();

        for (String status : new String[] {"succeeded", "failed", "skipped", "interrupted", "coalesced"}) {
            assertEquals(0, scrape.value("wms_analytics_runs_total", "job", "monthly", "status", status), status);
        }
    }

    @Test
    void a_coalesced_firing_is_counted_under_its_own_status_as_the_guide_documents() {
        new MetricsObserver(metrics).coalesced("live");
        new MetricsObserver(metrics).coalesced("live");

        assertEquals(2, scrape().value("wms_analytics_runs_total", "job", "live", "status", "coalesced"));
        assertEquals(0, scrape().value("wms_analytics_runs_total", "job", "live", "status", "succeeded"));
    }

    @Test
    void gate_waits_are_a_histogram_per_job() {
        metrics.gateWaited("daily", Duration.ofMillis(400));
        metrics.gateWaited("daily", Duration.ofSeconds(20));

        Scrape scrape = scrape();

        assertEquals(2, scrape.value("wms_analytics_gate_wait_seconds_count", "job", "daily"));
        assertEquals(20.4, scrape.value("wms_analytics_gate_wait_seconds_sum", "job", "daily"), 1e-9);
        assertEquals(1, scrape.value("wms_analytics_gate_wait_seconds_bucket", "job", "daily", "le", "1.0"));
        assertEquals(2, scrape.value("wms_analytics_gate_wait_seconds_bucket", "job", "daily", "le", "+Inf"));
        assertEquals(20, scrape.value("wms_analytics_gate_wait_seconds_max", "job", "daily"));
    }

    @Test
    void a_run_status_outside_the_list_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> metrics.runFinished("daily", "timeout"));
    }

    private Scrape scrape() {
        return PrometheusTextParser.parse(registry.scrape());
    }
}
