package com.wmsanalytics.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.db.Pools;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Folding the history of a seconds cadence into hourly summaries, on a real replica: which runs
 * are folded, what a summary says of them, and what stays in detail.
 */
class RunSummariesTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Instant T0 = Instant.parse("2025-03-03T02:00:00Z");
    private static final Duration AFTER = Duration.ofDays(1);
    private static final String SCHEMA = "analytics";
    private static final String REPORT = "summary_probe";
    private static final String OTHER = "summary_other";

    private static HikariDataSource pool;
    private static JooqRunHistory history;

    @BeforeAll
    static void migrateAndOpen() {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        for (String report : List.of(REPORT, OTHER)) {
            pg.replica()
                    .execute(
                            PostgresPair.DATABASE,
                            "CREATE MATERIALIZED VIEW IF NOT EXISTS " + SCHEMA + "." + report + " AS SELECT 1 AS x");
        }
        pool = Pools.open("replica", TestConfig.of(pg).replica(), 4, Duration.ofSeconds(5));
        history = new JooqRunHistory(pool);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyTheHistory() {
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "TRUNCATE analytics_control.refresh_run, analytics_control.refresh_run_summary CASCADE");
    }

    @Test
    void the_succeeded_scheduled_runs_of_whole_hours_before_the_cutoff_fold_into_one_row_per_job_and_hour() {
        // Six runs of the live job at 02:00-02:50 taking 1, 2, 6, 2, 1 and 2 s, two at 03:00 and
        // 03:30, one at 04:10. The run at 02:20 took longest, and its data was 6 s old when it
        // finished.
        for (int i = 0; i < 6; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            run("live", at, RunStatus.SUCCEEDED, Duration.ofSeconds(i == 2 ? 6 : 1 + i % 2), REPORT);
        }
        run("live", T0.plus(Duration.ofMinutes(60)), RunStatus.SUCCEEDED, Duration.ofSeconds(2), REPORT);
        run("live", T0.plus(Duration.ofMinutes(90)), RunStatus.SUCCEEDED, Duration.ofSeconds(2), REPORT);
        long latest = run("live", T0.plus(Duration.ofMinutes(130)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);

        // The cutoff is 04:30 a day later: the hours 02:00 and 03:00 are whole before it.
        Summarized done = history.summarize(AFTER, T0.plus(AFTER).plus(Duration.ofMinutes(150)));

        assertEquals(new Summarized(8, 2), done);
        assertEquals(List.of(latest), runIds());
        List<RunSummary> hours = history.summaries(new SummaryFilter(Optional.empty(), Optional.empty(), 10));
        assertEquals(
                List.of(T0.plus(Duration.ofHours(1)), T0),
                hours.stream().map(RunSummary::hourStart).toList());
        RunSummary two = hours.get(1);
        assertEquals("live", two.job());
        assertEquals(6, two.runs());
        assertEquals(6, two.fireTimes());
        assertEquals(Optional.of(T0), two.firstScheduledFor());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(50))), two.lastScheduledFor());
        assertEquals(T0, two.firstStartedAt());
        assertEquals(T0.plus(Duration.ofMinutes(50)).plusSeconds(2), two.lastFinishedAt());
        assertEquals(Duration.ofSeconds(2), two.durationMedian());
        assertEquals(Duration.ofSeconds(6), two.durationMax());
        assertEquals(Optional.of(Duration.ofMillis(40)), two.gateWaitedMax());
        assertEquals(Optional.of(Duration.ofSeconds(6)), two.dataAgeMax());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(50))), two.lastDataAsOf());
        assertEquals(6, two.reportRefreshes());
        assertEquals(2, hours.get(0).runs());
        assertEquals(0L, count("SELECT count(*) FROM analytics_control.refresh_run_view WHERE run_id <> " + latest));
        assertEquals(0L, count("SELECT count(*) FROM analytics_control.refresh_run_gate WHERE run_id <> " + latest));
    }

    @Test
    void failed_retried_and_command_line_runs_and_each_reports_latest_success_stay_in_detail() {
        long failed = run("live", T0, RunStatus.FAILED, Duration.ofSeconds(1), REPORT);
        long skipped = run("live", T0.plusSeconds(10), RunStatus.SKIPPED, Duration.ofSeconds(1), REPORT);
        long folded = run("live", T0.plusSeconds(20), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        long onlySuccessOfOther = run("live", T0.plusSeconds(30), RunStatus.SUCCEEDED, Duration.ofSeconds(1), OTHER);
        long retry = run(
                new NewRun(
                        "live",
                        Trigger.RETRY,
                        Optional.of(failed),
                        "etl",
                        "analytics-01",
                        T0.plusSeconds(40),
                        Optional.of(T0)),
                RunStatus.SUCCEEDED,
                Duration.ofSeconds(1),
                REPORT);
        long adhoc = run(
                new NewRun(
                        "adhoc",
                        Trigger.CLI,
                        Optional.empty(),
                        "analyst",
                        "laptop",
                        T0.plusSeconds(50),
                        Optional.empty()),
                RunStatus.SUCCEEDED,
                Duration.ofSeconds(1),
                REPORT);

        Summarized done = history.summarize(AFTER, T0.plus(AFTER).plus(Duration.ofHours(2)));

        assertEquals(new Summarized(1, 1), done);
        assertEquals(List.of(adhoc, retry, onlySuccessOfOther, skipped, failed), runIds());
        assertEquals(0L, count("SELECT count(*) FROM analytics_control.refresh_run WHERE run_id = " + folded));
        assertEquals(
                Optional.of(T0.plusSeconds(30)),
                history.freshness().stream()
                        .filter(f -> f.viewName().equals(OTHER))
                        .findFirst()
                        .orElseThrow()
                        .dataAsOf(),
                "the report whose only success was old keeps it");
    }

    @Test
    void a_run_still_running_at_the_first_folding_is_added_to_its_hour_at_the_next() {
        run("live", T0, RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run("live", T0.plus(Duration.ofHours(3)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        Instant now = T0.plus(AFTER).plus(Duration.ofHours(2));
        try (ActiveRun slow = history.start(scheduled("live", T0.plus(Duration.ofMinutes(30))))) {
            assertEquals(new Summarized(1, 1), history.summarize(AFTER, now));
            slow.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plus(Duration.ofMinutes(45)));
        }

        assertEquals(new Summarized(1, 1), history.summarize(AFTER, now));

        RunSummary hour = history.summaries(new SummaryFilter(Optional.of("live"), Optional.empty(), 10))
                .get(0);
        assertEquals(2, hour.runs());
        assertEquals(2, hour.fireTimes());
        assertEquals(Duration.ofMinutes(15), hour.durationMax());
        assertEquals(T0.plus(Duration.ofMinutes(45)), hour.lastFinishedAt());
    }

    @Test
    void a_fire_time_that_ran_twice_shows_as_fewer_fire_times_than_runs() {
        run(scheduled("live", T0), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run(scheduled("live", T0), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run("live", T0.plus(Duration.ofHours(3)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);

        history.summarize(AFTER, T0.plus(AFTER).plus(Duration.ofHours(2)));

        RunSummary hour = history.summaries(new SummaryFilter(Optional.empty(), Optional.empty(), 1))
                .get(0);
        assertEquals(2, hour.runs());
        assertEquals(1, hour.fireTimes());
    }

    @Test
    void purge_deletes_the_summaries_of_the_hours_before_the_retention() {
        run("live", T0, RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run("live", T0.plus(Duration.ofHours(1)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run("live", T0.plus(Duration.ofHours(5)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        history.summarize(AFTER, T0.plus(AFTER).plus(Duration.ofHours(3)));

        history.purge(Duration.ofDays(400), T0.plus(Duration.ofDays(400)).plus(Duration.ofMinutes(90)));

        assertEquals(
                List.of(T0.plus(Duration.ofHours(1))),
                history.summaries(new SummaryFilter(Optional.empty(), Optional.empty(), 10)).stream()
                        .map(RunSummary::hourStart)
                        .toList());
    }

    @Test
    void the_refresher_role_folds_reads_and_purges_summaries() {
        run("live", T0, RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        run("live", T0.plus(Duration.ofHours(3)), RunStatus.SUCCEEDED, Duration.ofSeconds(1), REPORT);
        PGSimpleDataSource refresher = RefresherSessions.of(pg);
        JooqRunHistory asRefresher = new JooqRunHistory(refresher);

        assertEquals(
                new Summarized(1, 1),
                asRefresher.summarize(AFTER, T0.plus(AFTER).plus(Duration.ofHours(2))));
        assertEquals(
                1,
                asRefresher
                        .summaries(new SummaryFilter(Optional.empty(), Optional.empty(), 10))
                        .size());
        asRefresher.purge(Duration.ofDays(1), T0.plus(Duration.ofDays(30)));
        assertEquals(0L, count("SELECT count(*) FROM analytics_control.refresh_run_summary"));
    }

    // ---------------------------------------------------------------------------------

    private static NewRun scheduled(String job, Instant at) {
        return new NewRun(job, Trigger.SCHEDULE, Optional.empty(), "etl", "analytics-01", at, Optional.of(at));
    }

    private static long run(String job, Instant at, RunStatus status, Duration took, String report) {
        return run(scheduled(job, at), status, took, report);
    }

    /**
     * A finished run that took {@code took}: its gate waited 40 ms and saw the publisher at its
     * start, and it refreshed one report.
     */
    private static long run(NewRun newRun, RunStatus status, Duration took, String report) {
        Instant at = newRun.startedAt();
        try (ActiveRun run = history.start(newRun)) {
            run.gate(
                    List.of(new GateRecord(
                            "wms",
                            "wms_analytics_sub",
                            Optional.of("0/1"),
                            Optional.of(at),
                            Optional.of(0L),
                            Duration.ofMillis(40),
                            "caught_up",
                            Optional.empty())),
                    Duration.ofMillis(40),
                    Optional.of(at));
            run.views(List.of(ReportRecord.planned(SCHEMA, report, "plain")));
            run.viewStarted(SCHEMA, report, at);
            ReportStatus viewStatus = status == RunStatus.SUCCEEDED ? ReportStatus.SUCCEEDED : ReportStatus.FAILED;
            run.viewFinished(new ReportRecord(
                    SCHEMA,
                    report,
                    Optional.empty(),
                    viewStatus,
                    Optional.empty(),
                    Optional.of(at.plus(took)),
                    Optional.of(1L),
                    Optional.empty(),
                    Optional.empty()));
            run.finish(status, Optional.empty(), at.plus(took));
            return run.runId();
        }
    }

    private static List<Long> runIds() {
        return history.runs(HistoryFilter.latest(100)).stream()
                .map(RunRecord::runId)
                .toList();
    }

    private static long count(String sql) {
        return Long.parseLong(pg.replica().queryValue(PostgresPair.DATABASE, sql));
    }
}
