package com.wmsanalytics.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.UsageException;
import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.db.Pools;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The run history on a real replica, migrated as a user would migrate it. */
class JooqRunHistoryTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Instant T0 = Instant.parse("2025-03-03T02:00:00Z");
    private static final String DAILY_ORDERS = "daily_orders";

    private static HikariDataSource pool;
    private static JooqRunHistory history;

    @BeforeAll
    static void migrateAndOpen() {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        pool = openPool();
        history = new JooqRunHistory(pool);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyTheHistory() {
        pg.replica().execute(PostgresPair.DATABASE, "TRUNCATE analytics_control.refresh_run CASCADE");
    }

    // ---------------------------------------------------------------------------------
    // Writing and reading runs

    @Test
    void a_run_with_its_gates_and_views_reads_back_exactly() {
        long first = finishedRun("daily", T0.minusSeconds(86_400), RunStatus.FAILED);
        NewRun retry =
                new NewRun("daily", Trigger.RETRY, Optional.of(first), "etl", "analytics-01", T0, Optional.of(T0));
        GateRecord wms = new GateRecord(
                "wms",
                "wms_analytics_sub",
                Optional.of("0/16B3748"),
                Optional.of(T0.plusMillis(150)),
                Optional.of(8_192L),
                Duration.ofMillis(1_234),
                "caught_up",
                Optional.of("replay_lsn 0/16B3760 >= 0/16B3748"));
        GateRecord eu = new GateRecord(
                "wms_eu",
                "wms_analytics_sub_eu",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ZERO,
                "subscription_disabled",
                Optional.empty());
        ReportRecord orders = new ReportRecord(
                "order_analytics",
                DAILY_ORDERS,
                Optional.of("concurrent"),
                ReportStatus.SUCCEEDED,
                Optional.of(T0.plusSeconds(2)),
                Optional.of(T0.plusSeconds(5)),
                Optional.of(731L),
                Optional.empty(),
                Optional.empty());
        ReportRecord stock = new ReportRecord(
                "inventory_analytics",
                "stock_levels",
                Optional.of("plain"),
                ReportStatus.FAILED,
                Optional.of(T0.plusSeconds(3)),
                Optional.of(T0.plusSeconds(4)),
                Optional.empty(),
                Optional.of("55P03"),
                Optional.of("canceling statement due to lock timeout"));
        ReportRecord kpis = new ReportRecord(
                "analytics",
                "daily_kpis",
                Optional.of("concurrent"),
                ReportStatus.BLOCKED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("inventory_analytics.stock_levels failed"));

        long runId;
        try (ActiveRun run = history.start(retry)) {
            runId = run.runId();
            run.gate(List.of(wms, eu), Duration.ofMillis(1_300), Optional.of(T0.plusMillis(150)));
            run.views(List.of(planned(orders), planned(stock), planned(kpis)));
            run.viewStarted("order_analytics", DAILY_ORDERS, T0.plusSeconds(2));
            run.viewStarted("inventory_analytics", "stock_levels", T0.plusSeconds(3));
            run.viewFinished(orders);
            run.viewFinished(stock);
            run.viewFinished(kpis);
            run.finish(RunStatus.FAILED, Optional.of("1 view failed, 1 blocked"), T0.plusSeconds(6));
        }

        RunRecord expected = new RunRecord(
                runId,
                "daily",
                Trigger.RETRY,
                Optional.of(first),
                "etl",
                "analytics-01",
                T0,
                Optional.of(T0.plusSeconds(6)),
                RunStatus.FAILED,
                Optional.of(Duration.ofMillis(1_300)),
                Optional.of(T0.plusMillis(150)),
                Optional.of("1 view failed, 1 blocked"),
                Optional.of(T0),
                List.of(wms, eu),
                List.of(orders, stock, kpis));
        assertEquals(List.of(expected), history.runs(HistoryFilter.latest(1)));
    }

    @Test
    void runs_are_newest_first_and_filtered_by_view_by_job_and_by_since_and_limited() {
        long daily1 = finishedRunOf("daily", T0, "order_analytics", DAILY_ORDERS);
        long weekly = finishedRunOf("weekly", T0.plusSeconds(3_600), "customer_analytics", "customer_summary");
        long daily2 = finishedRunOf("daily", T0.plusSeconds(86_400), "order_analytics", DAILY_ORDERS);
        long adhoc = finishedRunOf("adhoc", T0.plusSeconds(90_000), "customer_analytics", "customer_summary");

        assertEquals(List.of(adhoc, daily2, weekly, daily1), ids(HistoryFilter.latest(10)));
        assertEquals(List.of(adhoc, daily2), ids(HistoryFilter.latest(2)));
        assertEquals(List.of(adhoc, weekly), ids(filter("customer_analytics.customer_summary", null, null)));
        assertEquals(List.of(daily2, daily1), ids(filter(null, "daily", null)));
        assertEquals(List.of(adhoc, daily2), ids(filter(null, null, T0.plusSeconds(86_400))));
        assertEquals(List.of(daily2), ids(filter("order_analytics.daily_orders", "daily", T0.plusSeconds(1))));
        assertEquals(List.of(), ids(filter("order_analytics.weekly_trends", null, null)));
    }

    @Test
    void a_filter_needs_a_schema_qualified_view_and_a_positive_limit() {
        assertThrows(UsageException.class, () -> filter("daily_orders", null, null));
        assertThrows(UsageException.class, () -> filter("order_analytics.", null, null));
        assertThrows(UsageException.class, () -> HistoryFilter.latest(0));
    }

    @Test
    void a_view_the_run_did_not_plan_cannot_be_recorded() {
        try (ActiveRun run = history.start(newRun("daily", T0))) {
            run.views(List.of(ReportRecord.planned("order_analytics", DAILY_ORDERS, "plain")));
            HistoryException e =
                    assertThrows(HistoryException.class, () -> run.viewStarted("order_analytics", "weekly_trends", T0));
            assertTrue(e.getMessage().contains("did not plan view order_analytics.weekly_trends"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------
    // Freshness for BI

    @Test
    void freshness_shows_the_last_success_and_its_data_as_of_and_never_refreshed_views_empty() {
        Instant asOf = T0.minusSeconds(30);
        try (ActiveRun run = history.start(newRun("daily", T0))) {
            run.gate(List.of(), Duration.ofMillis(10), Optional.of(asOf));
            refresh(run, "order_analytics", DAILY_ORDERS, ReportStatus.SUCCEEDED, T0.plusSeconds(1), 2_500);
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(5));
        }
        Instant later = T0.plusSeconds(86_400);
        try (ActiveRun run = history.start(newRun("daily", later))) {
            run.gate(List.of(), Duration.ofMillis(10), Optional.of(later.minusSeconds(30)));
            refresh(run, "order_analytics", DAILY_ORDERS, ReportStatus.FAILED, later.plusSeconds(1), 100);
            run.finish(RunStatus.FAILED, Optional.of("1 view failed"), later.plusSeconds(2));
        }
        try (ActiveRun run = history.start(newRun("adhoc", later))) {
            run.gate(List.of(), Duration.ofMillis(10_000), Optional.of(later));
            refresh(run, "inventory_analytics", "stock_levels", ReportStatus.SUCCEEDED, later.plusSeconds(11), 40);
            run.finish(RunStatus.UNGATED, Optional.of("replica behind by 4096 bytes"), later.plusSeconds(12));
        }

        List<Freshness> all = history.freshness();
        assertEquals(13, all.size(), "one row per report: seven materialized views, six incremental tables");
        assertEquals(
                new Freshness(
                        "order_analytics",
                        DAILY_ORDERS,
                        Optional.of("daily"),
                        Optional.of(T0.plusMillis(3_500)),
                        Optional.of(asOf),
                        Optional.of(Duration.ofMillis(2_500)),
                        Optional.of("failed"),
                        Optional.of(later.plusSeconds(1))),
                find(all, DAILY_ORDERS));
        assertEquals(
                new Freshness(
                        "inventory_analytics",
                        "stock_levels",
                        Optional.of("daily"),
                        Optional.of(later.plusMillis(11_040)),
                        Optional.empty(),
                        Optional.of(Duration.ofMillis(40)),
                        Optional.of("succeeded"),
                        Optional.of(later.plusSeconds(11))),
                find(all, "stock_levels"));
        assertEquals(
                new Freshness(
                        "customer_analytics",
                        "monthly_rfm",
                        Optional.of("monthly"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                find(all, "monthly_rfm"));
    }

    @Test
    void bi_reader_reads_report_freshness_but_not_the_run_tables() throws SQLException {
        try (Connection c = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET ROLE wms_bi_reader");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM analytics.report_freshness")) {
                rs.next();
                assertEquals(13, rs.getInt(1));
            }
            SQLException denied = assertThrows(
                    SQLException.class, () -> s.executeQuery("SELECT count(*) FROM analytics_control.refresh_run"));
            assertEquals("42501", denied.getSQLState());
        }
    }

    @Test
    void the_refresher_role_records_reads_interrupts_and_purges_runs() throws SQLException {
        PGSimpleDataSource refresher = RefresherSessions.of(pg);
        JooqRunHistory asRefresher = new JooqRunHistory(refresher);

        long runId;
        try (ActiveRun run = asRefresher.start(newRun("daily", T0))) {
            runId = run.runId();
            run.gate(
                    List.of(new GateRecord(
                            "wms",
                            "wms_analytics_sub",
                            Optional.of("0/0"),
                            Optional.of(T0),
                            Optional.of(0L),
                            Duration.ZERO,
                            "caught_up",
                            Optional.empty())),
                    Duration.ZERO,
                    Optional.of(T0));
            refresh(run, "order_analytics", DAILY_ORDERS, ReportStatus.SUCCEEDED, T0, 5);
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(1));
        }
        assertEquals("wms_analytics_user", currentUser(refresher));
        assertEquals(runId, asRefresher.runs(HistoryFilter.latest(1)).get(0).runId());
        assertEquals(
                Optional.of(T0), find(asRefresher.freshness(), DAILY_ORDERS).dataAsOf());
        assertEquals(0, asRefresher.markInterrupted(T0.plusSeconds(2)));
        assertEquals(1, asRefresher.purge(Duration.ofDays(1), T0.plus(Duration.ofDays(2))));
    }

    // ---------------------------------------------------------------------------------
    // Retention

    @Test
    void purge_deletes_only_runs_older_than_the_retention_with_their_gates_and_views() {
        Instant now = T0.plus(Duration.ofDays(500));
        long old = finishedRunOf("daily", now.minus(Duration.ofDays(450)), "order_analytics", DAILY_ORDERS);
        long justOld = finishedRunOf(
                "daily", now.minus(Duration.ofDays(400)).minusSeconds(1), "order_analytics", DAILY_ORDERS);
        long kept = finishedRunOf("daily", now.minus(Duration.ofDays(400)), "order_analytics", DAILY_ORDERS);
        long retry = finishedRun(
                new NewRun(
                        "daily",
                        Trigger.RETRY,
                        Optional.of(old),
                        "etl",
                        "analytics-01",
                        now.minus(Duration.ofDays(10)),
                        Optional.empty()),
                RunStatus.SUCCEEDED);

        assertEquals(2, history.purge(Duration.ofDays(400), now));

        assertEquals(List.of(retry, kept), ids(HistoryFilter.latest(10)));
        assertEquals(
                Optional.empty(), history.runs(HistoryFilter.latest(1)).get(0).retryOf());
        assertEquals(
                0L,
                value("SELECT count(*) FROM analytics_control.refresh_run_gate WHERE run_id IN (?, ?)", old, justOld));
        assertEquals(
                0L,
                value("SELECT count(*) FROM analytics_control.refresh_run_view WHERE run_id IN (?, ?)", old, justOld));
        assertEquals(1L, value("SELECT count(*) FROM analytics_control.refresh_run_view WHERE run_id = ?", kept));
    }

    @Test
    void purge_keeps_an_old_run_that_is_still_running() {
        try (ActiveRun run = history.start(newRun("monthly", T0))) {
            assertEquals(0, history.purge(Duration.ofDays(1), T0.plus(Duration.ofDays(30))));
            assertEquals(List.of(run.runId()), ids(HistoryFilter.latest(10)));
        }
    }

    // ---------------------------------------------------------------------------------
    // Liveness

    @Test
    void a_run_whose_process_lives_is_not_marked_interrupted() {
        try (HikariDataSource otherProcess = openPool();
                ActiveRun run = new JooqRunHistory(otherProcess).start(newRun("daily", T0))) {
            run.views(List.of(ReportRecord.planned("order_analytics", DAILY_ORDERS, "plain")));

            assertEquals(0, history.markInterrupted(T0.plusSeconds(60)));

            RunRecord stored = history.runs(HistoryFilter.latest(1)).get(0);
            assertEquals(RunStatus.RUNNING, stored.status());
            assertEquals(ReportStatus.PENDING, stored.views().get(0).status());
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(61));
        }
    }

    @Test
    void a_run_whose_process_died_is_marked_interrupted_with_its_unfinished_views() {
        Instant now = T0.plusSeconds(600);
        try (HikariDataSource otherProcess = openPool()) {
            ActiveRun run = new JooqRunHistory(otherProcess).start(newRun("daily", T0));
            run.views(List.of(
                    ReportRecord.planned("order_analytics", "fulfillment_times", "concurrent"),
                    ReportRecord.planned("analytics", "daily_kpis", "concurrent")));
            refresh(run, "order_analytics", DAILY_ORDERS, ReportStatus.SUCCEEDED, T0.plusSeconds(1), 10);
            run.viewStarted("order_analytics", "fulfillment_times", T0.plusSeconds(2));

            killTheSessionHoldingTheLockOf(run.runId());

            assertEquals(1, history.markInterrupted(now));
            RunRecord stored = history.runs(HistoryFilter.latest(1)).get(0);
            assertEquals(RunStatus.INTERRUPTED, stored.status());
            assertEquals(Optional.of(now), stored.finishedAt());
            assertEquals(Optional.of("the process running it ended before it finished"), stored.error());
            assertEquals(
                    List.of(ReportStatus.SUCCEEDED, ReportStatus.INTERRUPTED, ReportStatus.INTERRUPTED),
                    stored.views().stream().map(ReportRecord::status).toList());
            assertEquals(0, history.markInterrupted(now), "marked once");

            RunLockLostException lost = assertThrows(
                    RunLockLostException.class, () -> run.finish(RunStatus.SUCCEEDED, Optional.empty(), now));
            assertTrue(lost.getMessage().contains("lost the connection"), lost.getMessage());
            run.close();
            run.close();
        }
    }

    @Test
    void a_retry_waits_until_the_session_of_a_run_left_running_has_ended_then_the_run_is_marked() throws Exception {
        try (HikariDataSource otherProcess = openPool()) {
            ActiveRun run = new JooqRunHistory(otherProcess).start(newRun("live", T0));
            Thread sessionEnds = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killTheSessionHoldingTheLockOf(run.runId());
            });
            sessionEnds.start();

            assertTrue(history.awaitRunsEnded("live", Duration.ofSeconds(30), Clock.systemUTC()));
            sessionEnds.join();

            assertEquals(1, history.markInterrupted(T0.plusSeconds(5)), "the wait returned once the session had ended");
            run.close();
        }
    }

    @Test
    void the_wait_for_a_run_whose_session_lives_gives_up_after_its_timeout_and_leaves_lock_timeout_as_it_was() {
        try (HikariDataSource otherProcess = openPool();
                HikariDataSource oneSession =
                        Pools.open("replica", TestConfig.of(pg).replica(), 1, Duration.ofSeconds(5));
                ActiveRun run = new JooqRunHistory(otherProcess).start(newRun("live", T0));
                ActiveRun otherJob = new JooqRunHistory(otherProcess).start(newRun("weekly", T0))) {
            JooqRunHistory waiting = new JooqRunHistory(oneSession);

            assertFalse(waiting.awaitRunsEnded("live", Duration.ofMillis(300), Clock.systemUTC()));
            assertTrue(waiting.awaitRunsEnded("daily", Duration.ofMillis(300), Clock.systemUTC()), "no run of daily");

            assertEquals(0, history.markInterrupted(T0.plusSeconds(1)));
            assertEquals(
                    "0",
                    DSL.using(oneSession, SQLDialect.POSTGRES)
                            .fetchValue("SHOW lock_timeout")
                            .toString(),
                    "the pooled session's lock_timeout");
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(2));
            otherJob.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(2));
        }
    }

    @Test
    void a_run_closed_before_it_finished_is_marked_interrupted() {
        long runId;
        try (ActiveRun run = history.start(newRun("weekly", T0))) {
            runId = run.runId();
        }
        assertEquals(1, history.markInterrupted(T0.plusSeconds(1)));
        assertEquals(
                RunStatus.INTERRUPTED,
                history.runs(HistoryFilter.latest(1)).get(0).status());
        assertEquals(List.of(runId), ids(HistoryFilter.latest(10)));
    }

    @Test
    void a_finished_run_is_never_marked_interrupted_and_leaves_no_lock_behind() {
        ActiveRun run = history.start(newRun("daily", T0));
        run.finish(RunStatus.SKIPPED, Optional.of("replica behind by 1024 bytes"), T0.plusSeconds(30));
        assertEquals(0, history.markInterrupted(T0.plusSeconds(31)), "finished, still open");
        run.close();
        run.close();

        assertEquals(0, history.markInterrupted(T0.plusSeconds(32)), "finished and closed");
        assertEquals(
                RunStatus.SKIPPED, history.runs(HistoryFilter.latest(1)).get(0).status());
        assertEquals(0L, value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid", (long)
                RunLock.CLASS_ID));
        assertThrows(IllegalStateException.class, () -> run.viewStarted("order_analytics", DAILY_ORDERS, T0));
    }

    @Test
    void a_finished_run_cannot_finish_again() {
        try (ActiveRun run = history.start(newRun("daily", T0))) {
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), T0.plusSeconds(1));
            assertThrows(HistoryException.class, () -> run.finish(RunStatus.FAILED, Optional.empty(), T0));
            assertThrows(IllegalArgumentException.class, () -> run.finish(RunStatus.RUNNING, Optional.empty(), T0));
        }
        assertEquals(
                RunStatus.SUCCEEDED,
                history.runs(HistoryFilter.latest(1)).get(0).status());
    }

    // ---------------------------------------------------------------------------------
    // The page's report details

    @Test
    void the_report_details_are_planned_with_no_parallel_worker_however_cheap_the_server_makes_them() {
        String forced = plan(false);
        assertTrue(
                forced.contains("Gather"),
                "with parallel plans made free, the planner should pick one unless told not to:\n" + forced);

        String read = plan(true);
        assertFalse(read.contains("Gather"), read);
    }

    /** The plan of the report-details query with parallel plans made free, and with or without the reader's settings. */
    private static String plan(boolean readersSettings) {
        return DSL.using(pool, SQLDialect.POSTGRES).transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (String setting : List.of(
                    "parallel_setup_cost",
                    "parallel_tuple_cost",
                    "min_parallel_table_scan_size",
                    "min_parallel_index_scan_size")) {
                tx.fetch("SELECT set_config(?, '0', true)", setting);
            }
            if (readersSettings) {
                ReportDetailsReader.planSettings(tx);
            }
            return String.join(
                    "\n", tx.fetch("EXPLAIN " + ReportDetailsReader.sql()).getValues(0, String.class));
        });
    }

    // ---------------------------------------------------------------------------------

    private static HikariDataSource openPool() {
        return Pools.open("replica", TestConfig.of(pg).replica(), 4, Duration.ofSeconds(5));
    }

    private static NewRun newRun(String job, Instant startedAt) {
        return new NewRun(
                job, Trigger.SCHEDULE, Optional.empty(), "etl", "analytics-01", startedAt, Optional.of(startedAt));
    }

    private static long finishedRun(String job, Instant startedAt, RunStatus status) {
        return finishedRun(newRun(job, startedAt), status);
    }

    private static long finishedRun(NewRun newRun, RunStatus status) {
        try (ActiveRun run = history.start(newRun)) {
            run.finish(status, Optional.empty(), newRun.startedAt().plusSeconds(1));
            return run.runId();
        }
    }

    /** A succeeded run that refreshed one view, with a gate row. */
    private static long finishedRunOf(String job, Instant startedAt, String viewSchema, String viewName) {
        try (ActiveRun run = history.start(newRun(job, startedAt))) {
            run.gate(
                    List.of(new GateRecord(
                            "wms",
                            "wms_analytics_sub",
                            Optional.of("0/1"),
                            Optional.of(startedAt),
                            Optional.of(0L),
                            Duration.ZERO,
                            "caught_up",
                            Optional.empty())),
                    Duration.ZERO,
                    Optional.of(startedAt));
            refresh(run, viewSchema, viewName, ReportStatus.SUCCEEDED, startedAt.plusSeconds(1), 100);
            run.finish(RunStatus.SUCCEEDED, Optional.empty(), startedAt.plusSeconds(2));
            return run.runId();
        }
    }

    /** Plans, starts and ends one view's refresh, which takes the given milliseconds. */
    private static void refresh(ActiveRun run, String schema, String name, ReportStatus status, Instant at, long ms) {
        run.views(List.of(ReportRecord.planned(schema, name, "plain")));
        run.viewStarted(schema, name, at);
        run.viewFinished(new ReportRecord(
                schema,
                name,
                Optional.empty(),
                status,
                Optional.empty(),
                Optional.of(at.plusMillis(ms)),
                Optional.of(1L),
                Optional.empty(),
                Optional.empty()));
    }

    private static ReportRecord planned(ReportRecord view) {
        return ReportRecord.planned(
                view.viewSchema(), view.viewName(), view.mode().orElseThrow());
    }

    private static HistoryFilter filter(String view, String job, Instant since) {
        return new HistoryFilter(Optional.ofNullable(view), Optional.ofNullable(job), Optional.ofNullable(since), 10);
    }

    private static List<Long> ids(HistoryFilter filter) {
        return history.runs(filter).stream().map(RunRecord::runId).toList();
    }

    private static Freshness find(List<Freshness> all, String viewName) {
        return all.stream()
                .filter(f -> f.viewName().equals(viewName))
                .findFirst()
                .orElseThrow();
    }

    /** Ends the run's lock session as if its process had been killed, and waits until it is gone. */
    private static void killTheSessionHoldingTheLockOf(long runId) {
        Object killed = value(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND granted AND classid = ?::oid AND objid = ?::oid AND objsubid = 2",
                (long) RunLock.CLASS_ID,
                runId);
        assertEquals(Boolean.TRUE, killed, "the run's lock session was found and ended");
    }

    private static String currentUser(PGSimpleDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Object value(String sql, Object... params) {
        try (Connection c = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Object> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getObject(1));
                }
                assertEquals(1, values.size(), sql);
                return values.get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
