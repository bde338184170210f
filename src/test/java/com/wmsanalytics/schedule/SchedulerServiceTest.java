package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.daemon.MetricsObserver;
import com.wmsanalytics.history.RunRecord;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.history.Trigger;
import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler in this JVM against a real primary and replica. */
@Tag("slow")
class SchedulerServiceTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static Path config;
    private Path jobs;
    private WmsAnalytics app;

    @BeforeAll
    static void pipeline() {
        config = Pipeline.build(pg, 300, "");
    }

    @BeforeEach
    void clean_schedule() throws Exception {
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "ALTER SUBSCRIPTION wms_analytics_sub ENABLE;"
                                + " TRUNCATE analytics_control.refresh_run CASCADE;"
                                + " DELETE FROM analytics_control.qrtz_cron_triggers; DELETE FROM analytics_control.qrtz_simple_triggers;"
                                + " DELETE FROM analytics_control.qrtz_fired_triggers; DELETE FROM analytics_control.qrtz_triggers;"
                                + " DELETE FROM analytics_control.qrtz_job_details");
        jobs = JobFiles.directory();
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_job_every_two_seconds_fires_through_the_gate_and_leaves_history_and_metrics() throws Exception {
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"0/2 * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RefreshMetrics metrics = new RefreshMetrics(registry, Clock.systemUTC());
        List<RefreshReport> reports = new CopyOnWriteArrayList<>();

        MetricsObserver observer = new MetricsObserver(metrics);
        // On a busy machine a firing may start more than the tests' 1 s misfire threshold late;
        // it must still be the cron's even-second firing, not a misfire fired at once.
        String onTime = "wms-analytics.scheduler.misfire-threshold = 60s\n";
        try (SchedulerService service = start(TestConfig.hocon(pg), onTime, (job, report) -> {
            reports.add(report);
            observer.finished(job, report);
        })) {
            awaitRuns("tick", 2);
            assertEquals(List.of(), service.problems(), "ready");
        }

        List<RunRecord> runs = runs("tick");
        RunRecord first = runs.get(runs.size() - 1);
        assertEquals(Trigger.SCHEDULE, first.trigger());
        assertEquals(RunStatus.SUCCEEDED, first.status());
        assertTrue(first.dataAsOf().isPresent(), "gated: data as of the gate's publisher time");
        assertEquals("caught_up", first.gates().get(0).outcome());
        assertEquals(0, first.scheduledFor().orElseThrow().getEpochSecond() % 2, "fired on the cron's even seconds");
        metrics.views(() -> app.freshness().stream()
                .map(f -> new RefreshMetrics.ViewSample(
                        f.viewSchema() + "." + f.viewName(), f.lastSuccessAt(), f.dataAsOf(), f.lastDuration()))
                .toList());
        String scrape = registry.scrape();
        assertTrue(
                scrape.contains("wms_analytics_view_last_rows{view=\"inventory_analytics.abc_classification\"} "),
                scrape);
        assertTrue(
                scrape.contains(
                        "wms_analytics_view_data_as_of_age_seconds{view=\"inventory_analytics.abc_classification\"} "),
                scrape);
        assertTrue(scrape.contains("wms_analytics_runs_total{job=\"tick\",status=\"succeeded\"} "), scrape);
        assertTrue(reports.size() >= 2);
    }

    @Test
    void a_coalescing_job_whose_runs_outlast_its_cadence_runs_its_latest_fire_time_not_each_one_it_fell_behind()
            throws Exception {
        // Every second, with each run's gate waiting its 3 s: the replica's apply worker is stuck
        // behind a lock on wms.orders while the primary has an update of it to send.
        JobFiles.write(
                jobs,
                "busy",
                "cron = \"* * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]\n"
                        + "gate-timeout = 3s\nretry { failed-attempts = 0, backoff = 1s, skipped-backoff = 1h }\ncoalesce = true");
        AtomicInteger coalesced = new AtomicInteger();
        RunObserver observer = new RunObserver() {
            @Override
            public void finished(String job, RefreshReport report) {}

            @Override
            public void coalesced(String job) {
                coalesced.incrementAndGet();
            }
        };
        // A misfire threshold far above the runs, so that only the coalescing can skip fire times.
        String noMisfires = "wms-analytics.scheduler.misfire-threshold = 60s\n";
        try (Connection holder = pg.replica().dataSource(PostgresPair.DATABASE).getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE wms.orders IN ACCESS EXCLUSIVE MODE");
            }
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "UPDATE wms.orders SET status = status WHERE order_id = (SELECT min(order_id) FROM wms.orders)");
            try (SchedulerService service = start(TestConfig.hocon(pg), noMisfires, observer)) {
                awaitRuns("busy", 3);
            } finally {
                holder.rollback();
            }
        }

        List<RunRecord> runs = runs("busy").stream()
                .filter(r -> r.status() != RunStatus.RUNNING)
                .toList();
        assertTrue(runs.size() >= 3, runs.toString());
        for (int i = 0; i + 1 < runs.size(); i++) {
            Instant newer = runs.get(i).scheduledFor().orElseThrow();
            Instant older = runs.get(i + 1).scheduledFor().orElseThrow();
            assertEquals(RunStatus.SKIPPED, runs.get(i + 1).status(), "the gate waited its 3 s: " + runs.get(i + 1));
            assertTrue(
                    Duration.between(older, newer).compareTo(Duration.ofSeconds(2)) >= 0,
                    "after a run for " + older + " the next ran for " + newer
                            + ": the fire times it fell behind gave way to the latest");
        }
        assertTrue(coalesced.get() >= 2, "coalesced firings: " + coalesced.get());
        assertEquals(
                runs.size(),
                runs.stream().map(RunRecord::scheduledFor).distinct().count(),
                "no fire time ran twice");
    }

    @Test
    void a_firing_missed_while_the_service_was_down_runs_once_at_start_up() throws Exception {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).plusHours(12).getHour();
        JobFiles.write(
                jobs,
                "nightly",
                "cron = \"0 0 " + hour + " * * ?\"\ntime-zone = UTC\n"
                        + "views = [\"inventory_analytics.abc_classification\"]");
        start(RunObserver.NONE).close();
        Instant missed = Instant.now().minus(Duration.ofDays(3));
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE analytics_control.qrtz_triggers SET next_fire_time = " + missed.toEpochMilli()
                                + " WHERE trigger_name = 'nightly'");
        assertEquals(List.of(), runs("nightly"), "nothing ran while the service was down");

        try (SchedulerService restarted = start(RunObserver.NONE)) {
            awaitRuns("nightly", 1);
            awaitNoFiringExecutes();
        }

        List<RunRecord> runs = runs("nightly");
        assertEquals(1, runs.size(), "three missed days fire once, not three times: " + runs);
        assertTrue(runs.get(0).startedAt().isAfter(missed), "ran after the missed fire time, at start-up");
        assertEquals(
                "t",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT next_fire_time > " + Instant.now().toEpochMilli()
                                        + " FROM analytics_control.qrtz_triggers WHERE trigger_name = 'nightly'"),
                "the next firing is the cron's next time, not another missed one");
    }

    @Test
    void a_skipped_run_is_retried_and_the_retry_links_to_the_first_run() throws Exception {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        JobFiles.write(
                jobs,
                "someday",
                "cron = \"0 0 0 1 1 ? 2099\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]\n"
                        + "gate-timeout = 1s\nretry { failed-attempts = 1, backoff = 1s, skipped-backoff = 1s }");
        try (SchedulerService service = start(RunObserver.NONE)) {
            service.fireNow("someday");
            awaitRuns("someday", 2);
            pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
            awaitStatus("someday", RunStatus.SUCCEEDED);
        }

        List<RunRecord> runs = runs("someday");
        RunRecord first = runs.get(runs.size() - 1);
        assertEquals(RunStatus.SKIPPED, first.status());
        for (RunRecord retry : runs.subList(0, runs.size() - 1)) {
            assertEquals(Trigger.RETRY, retry.trigger());
            assertEquals(Optional.of(first.runId()), retry.retryOf());
            assertEquals(first.scheduledFor(), retry.scheduledFor());
        }
        assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
    }

    @Test
    void a_firing_that_errors_is_recorded_as_failed_and_retried_as_its_policy_allows() throws Exception {
        JobFiles.write(
                jobs,
                "flaky",
                "cron = \"0 0 0 1 1 ? 2099\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]\n"
                        + "retry { failed-attempts = 1, backoff = 1s, skipped-backoff = 1s }");
        String unreachable = TestConfig.hocon(pg)
                        .replace(pg.primary().jdbcUrl(PostgresPair.DATABASE), "jdbc:postgresql://127.0.0.1:1/wms_db")
                + "wms-analytics.replica.connect-timeout = 1s\n";
        try (SchedulerService service = start(unreachable, "", RunObserver.NONE)) {
            service.fireNow("flaky");
            awaitRuns("flaky", 2);
            awaitNoFiringExecutes();
            assertEquals(
                    "0",
                    pg.replica()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT count(*)" + " FROM analytics_control.qrtz_triggers WHERE trigger_group = '"
                                            + QuartzKeys.RETRIES + "'"),
                    "no second retry is scheduled");
        }

        List<RunRecord> runs = runs("flaky");
        assertEquals(2, runs.size(), "the first run and exactly one retry: " + runs);
        RunRecord first = runs.get(1);
        RunRecord retry = runs.get(0);
        assertEquals(RunStatus.FAILED, first.status());
        assertTrue(
                first.error().orElseThrow().startsWith("cannot connect to publisher wms"),
                first.error().toString());
        assertEquals(Trigger.RETRY, retry.trigger());
        assertEquals(Optional.of(first.runId()), retry.retryOf());
        assertEquals(RunStatus.FAILED, retry.status());
    }

    @Test
    void reconciling_adds_changes_and_removes_jobs_from_the_store() throws Exception {
        JobFiles.write(jobs, "a", "cron = \"0 0 2 * * ?\"\ntime-zone = UTC\ngroup = daily");
        JobFiles.write(jobs, "b", "cron = \"0 0 3 * * ?\"\ntime-zone = UTC\ngroup = weekly");
        start(RunObserver.NONE).close();
        Files.delete(jobs.resolve("b.conf"));
        JobFiles.write(jobs, "a", "cron = \"0 30 2 * * ?\"\ntime-zone = Europe/Berlin\ngroup = daily");

        start(RunObserver.NONE).close();

        assertEquals(
                "a|0 30 2 * * ?|Europe/Berlin",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT string_agg(t.trigger_name || '|' || c.cron_expression || '|' || c.time_zone_id, ',')"
                                        + " FROM analytics_control.qrtz_triggers t JOIN analytics_control.qrtz_cron_triggers c"
                                        + " USING (sched_name, trigger_name, trigger_group) WHERE t.trigger_group = 'wms-analytics'"));
    }

    private SchedulerService start(RunObserver observer) {
        return start(TestConfig.hocon(pg), "", observer);
    }

    /** @param overrides configuration laid over the tests' fast scheduler settings */
    private SchedulerService start(String baseConfig, String overrides, RunObserver observer) {
        if (app != null) {
            app.close();
        }
        String hocon = baseConfig + JobFiles.serviceConfig(jobs) + overrides;
        app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC());
        return SchedulerService.start(app, JobDefinitions.load(jobs), observer, Clock.systemUTC());
    }

    private List<RunRecord> runs(String job) {
        try (WmsAnalytics reader = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            return reader.history(Optional.empty(), Optional.empty(), Optional.empty(), 100).stream()
                    .filter(r -> r.job().equals(job))
                    .toList();
        }
    }

    private void awaitRuns(String job, int count) {
        Await.value(
                count + " finished runs of " + job,
                Duration.ofSeconds(30),
                () -> runs(job),
                runs -> runs.stream()
                                .filter(r -> r.status() != RunStatus.RUNNING)
                                .count()
                        >= count);
    }

    /** Waits until no firing is executing, so the retry decision of the last run has been made. */
    private static void awaitNoFiringExecutes() {
        Await.until("no firing executes", Duration.ofSeconds(30), () -> "0"
                .equals(pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE, "SELECT count(*) FROM analytics_control.qrtz_fired_triggers")));
    }

    private void awaitStatus(String job, RunStatus status) {
        Await.value("a " + status + " run of " + job, Duration.ofSeconds(30), () -> runs(job), runs -> runs.stream()
                .anyMatch(r -> r.status() == status));
    }
}
