package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.daemon.MetricsObserver;
import com.wmsanalytics.metrics.RefreshMetrics;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.schedule.RunObserver;
import com.wmsanalytics.schedule.SchedulerService;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportContents;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An incremental refresh that is stopped keeps the report's previous rows and its dirty
 * buckets, and the next refresh catches up; two at once produce one; {@code verify} finds a
 * planted difference and {@code --repair} removes it. All on real replication.
 */
class IncrementalFailureTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String REPORT = "order_analytics.daily_orders";

    private static Path config;
    private static WmsAnalytics app;
    private static WmsAnalytics impatient;
    private static DataSource replica;

    @BeforeAll
    static void pipeline() throws Exception {
        config = Pipeline.build(pg, 800, "wms-analytics.refresh.lock-timeout = 60s\n");
        app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC());
        impatient = new WmsAnalytics(
                TestConfig.of(Files.readString(config) + "wms-analytics.refresh.statement-timeout = 1s\n"),
                Clock.systemUTC());
        replica = pg.replica().dataSource(PostgresPair.DATABASE);
        assertEquals(0, refresh(REPORT).exitCode().code());
    }

    /** Late orders for a day long closed, replicated: the report has dirty buckets to claim. */
    @BeforeEach
    void lateOrdersReplicated() {
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.orders SELECT max(order_id) + 1, min(customer_id),"
                                + " min(warehouse_id), 'open', now() - interval '20 days', now() - interval '18 days', NULL, NULL FROM wms.orders");
        awaitDirty();
    }

    @Test
    void a_refresh_stopped_by_statement_timeout_keeps_the_rows_and_the_dirty_buckets_and_the_next_one_catches_up()
            throws Exception {
        String before = ReportContents.fingerprint(pg.replica(), REPORT);
        RefreshReport stopped;
        try (Connection holder = replica.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + REPORT + " IN EXCLUSIVE MODE");
            stopped = impatient.refresh(
                    RefreshRequest.adhoc(Optional.empty(), List.of(REPORT), Optional.empty(), true),
                    RefreshProgress.NONE);
            holder.rollback();
        }
        assertEquals(1, stopped.exitCode().code());
        assertEquals(
                Optional.of("57014"),
                stopped.views().get(0).sqlstate(),
                stopped.views().toString());
        assertEquals(before, ReportContents.fingerprint(pg.replica(), REPORT));
        assertTrue(dirtyBuckets() > 0, "the dirty buckets stay for the next refresh");
        assertCatchesUp();
    }

    @Test
    void a_refresh_whose_session_is_killed_keeps_the_rows_and_the_dirty_buckets_and_the_next_one_catches_up()
            throws Exception {
        String before = ReportContents.fingerprint(pg.replica(), REPORT);
        CompletableFuture<RefreshReport> killed;
        try (Connection holder = replica.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + REPORT + " IN EXCLUSIVE MODE");
            killed = CompletableFuture.supplyAsync(() -> refresh(REPORT));
            awaitWaitingRefresh();
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'DELETE FROM \"order_analytics\"%'");
            holder.rollback();
        }
        RefreshReport report = killed.get(30, TimeUnit.SECONDS);
        assertEquals(1, report.exitCode().code(), report.views().toString());
        assertEquals(before, ReportContents.fingerprint(pg.replica(), REPORT));
        assertTrue(dirtyBuckets() > 0, "the dirty buckets stay for the next refresh");
        assertCatchesUp();
    }

    @Test
    void the_apply_worker_never_waits_on_a_refresh_that_has_claimed_the_bucket_its_change_dirties() throws Exception {
        CompletableFuture<RefreshReport> running;
        try (Connection holder = replica.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + REPORT + " IN EXCLUSIVE MODE");
            running = CompletableFuture.supplyAsync(() -> refresh(REPORT));
            awaitWaitingRefresh();
            long before =
                    Long.parseLong(pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders"));
            lateOrdersReplicated();
            awaitTrue(
                    () -> Long.parseLong(
                                    pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders"))
                            > before,
                    "a change to the day the refresh claimed replicates while the refresh runs");
            assertApplyWorkerWaitsOnNothing();
            assertEquals(
                    "t",
                    pg.replica()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT count(*) = 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                            + " AND query LIKE 'DELETE FROM \"order_analytics\"%'"),
                    "the refresh still runs");
            holder.rollback();
        }
        assertEquals(0, running.get(30, TimeUnit.SECONDS).exitCode().code());
        assertTrue(dirtyBuckets() > 0, "the change's bucket is dirty again for the next refresh");
        assertCatchesUp();
    }

    @Test
    void the_apply_worker_never_waits_on_a_refresh_when_a_change_marks_the_report_for_a_full_rebuild()
            throws Exception {
        String throughput = "warehouse_analytics.daily_throughput";
        assertEquals(0, refresh(throughput).exitCode().code());
        CompletableFuture<RefreshReport> running;
        try (Connection holder = replica.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + throughput + " IN EXCLUSIVE MODE");
            running = CompletableFuture.supplyAsync(() -> refresh(throughput));
            awaitTrue(
                    () -> "t"
                            .equals(pg.replica()
                                    .queryValue(
                                            PostgresPair.DATABASE,
                                            "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                                    + " AND query LIKE 'DELETE FROM \"warehouse_analytics\"%'")),
                    "the refresh waits for the table lock");
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "UPDATE wms.locations SET warehouse_id = (SELECT max(warehouse_id) FROM wms.warehouses), code = code || '-moved'"
                                    + " WHERE location_id = (SELECT min(location_id) FROM wms.locations"
                                    + " WHERE warehouse_id <> (SELECT max(warehouse_id) FROM wms.warehouses))");
            awaitTrue(
                    () -> "t"
                            .equals(pg.replica()
                                    .queryValue(
                                            PostgresPair.DATABASE,
                                            "SELECT count(*) > 0 FROM analytics_control.rebuild_request"
                                                    + " WHERE report_name = 'daily_throughput'")),
                    "the location's move replicates, and asks for a rebuild, while the refresh runs");
            assertApplyWorkerWaitsOnNothing();
            holder.rollback();
        }
        assertEquals(0, running.get(30, TimeUnit.SECONDS).exitCode().code());
        RefreshReport rebuilt = refresh(throughput);
        assertEquals(
                "full", rebuilt.views().get(0).mode().label(), rebuilt.views().toString());
        assertEquals(0, ReportDefinitions.differences(replica, throughput, "UTC"));
        assertEquals("incremental", refresh(throughput).views().get(0).mode().label());
    }

    @Test
    void two_refreshes_of_one_report_at_once_produce_one_and_the_other_exits_4() throws Exception {
        CompletableFuture<RefreshReport> first;
        RefreshReport second;
        try (Connection holder = replica.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE " + REPORT + " IN EXCLUSIVE MODE");
            first = CompletableFuture.supplyAsync(() -> refresh(REPORT));
            awaitWaitingRefresh();
            second = refresh(REPORT);
            holder.rollback();
        }
        assertEquals(4, second.exitCode().code(), second.views().toString());
        assertEquals(0, first.get(30, TimeUnit.SECONDS).exitCode().code());
        assertEquals(0, dirtyBuckets());
        assertEquals(0, ReportDefinitions.differences(replica, REPORT, "UTC"));
    }

    @Test
    void verify_finds_a_planted_difference_and_repair_removes_it() throws Exception {
        assertEquals(0, refresh(REPORT).exitCode().code());
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE " + REPORT + " SET orders = orders + 1"
                                + " WHERE order_date = (SELECT min(order_date) FROM " + REPORT + ")");
        String day = pg.replica().queryValue(PostgresPair.DATABASE, "SELECT min(order_date) FROM " + REPORT);

        CliRun found = CliRun.of("verify", REPORT, "--config", config.toString());
        assertEquals(1, found.exitCode(), found.err());
        assertTrue(found.out().contains("differs") && found.out().contains(day), found.out());

        CliRun repaired = CliRun.of("verify", "--group", "daily", "--repair", "--config", config.toString());
        assertEquals(0, repaired.exitCode(), repaired.err());
        assertTrue(repaired.out().contains("repaired"), repaired.out());
        assertEquals(
                "unknown",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT coalesce(row_count::text, 'unknown') FROM analytics_control.incremental_report"
                                        + " WHERE report_schema || '.' || report_name = '" + REPORT + "'"),
                "a repair forgets the recorded row count, so that the next refresh counts the rows");

        CliRun clean = CliRun.of("verify", "--config", config.toString(), "--json");
        assertEquals(0, clean.exitCode(), clean.err());
        assertTrue(clean.out().contains("\"status\" : \"ok\"") && !clean.out().contains("\"differs\""), clean.out());
        assertEquals(0, ReportDefinitions.differences(replica, REPORT, "UTC"));
    }

    @Test
    void a_new_line_of_a_closed_order_is_pending_for_verify_until_the_refresh_sweeps_it_into_the_report()
            throws Exception {
        assertEquals(0, refresh(REPORT).exitCode().code());
        String lines = "SELECT count(*) FROM wms.order_lines";
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.order_lines SELECT o.order_id,"
                                + " (SELECT max(line_no) + 1 FROM wms.order_lines l WHERE l.order_id = o.order_id), p.product_id, 7, 3.00"
                                + " FROM (SELECT order_id FROM wms.orders o WHERE EXISTS (SELECT FROM wms.order_lines l WHERE l.order_id = o.order_id)"
                                + " ORDER BY created_at LIMIT 1) o, (SELECT min(product_id) AS product_id FROM wms.products) p");
        String expected = pg.primary().queryValue(PostgresPair.DATABASE, lines);
        awaitTrue(
                () -> pg.replica().queryValue(PostgresPair.DATABASE, lines).equals(expected), "the line is replicated");
        assertEquals(0, recordedBuckets(), "a new line calls no trigger");
        assertTrue(ReportDefinitions.differences(replica, REPORT, "UTC") > 0, "the report does not have the line yet");

        CliRun pending = CliRun.of("verify", REPORT, "--config", config.toString(), "--json");
        assertEquals(0, pending.exitCode(), pending.out() + pending.err());
        assertTrue(pending.out().contains("\"status\" : \"ok\""), pending.out());

        assertCatchesUp();
    }

    @Test
    void the_scheduled_verify_job_counts_a_planted_difference_in_its_metric() throws Exception {
        assertEquals(0, refresh(REPORT).exitCode().code());
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE " + REPORT + " SET units = units + 1"
                                + " WHERE order_date IN (SELECT DISTINCT order_date FROM " + REPORT
                                + " ORDER BY order_date LIMIT 2)");
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "verify", "cron = \"0/1 * * * * ?\"\ntime-zone = UTC\naction = verify\ngroup = daily");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RefreshMetrics metrics = new RefreshMetrics(registry, Clock.systemUTC());
        CompletableFuture<List<ReportVerifier.Check>> verified = new CompletableFuture<>();
        MetricsObserver observer = new MetricsObserver(metrics);
        try (WmsAnalytics service = new WmsAnalytics(
                        TestConfig.of(Files.readString(config) + JobFiles.serviceConfig(jobs)), Clock.systemUTC());
                SchedulerService scheduler = SchedulerService.start(
                        service,
                        JobDefinitions.load(jobs),
                        new RunObserver() {
                            @Override
                            public void finished(String job, RefreshReport report) {}

                            @Override
                            public void verified(String job, List<ReportVerifier.Check> checks) {
                                observer.verified(job, checks);
                                verified.complete(checks);
                            }
                        },
                        Clock.systemUTC())) {
            List<ReportVerifier.Check> checks = verified.get(60, TimeUnit.SECONDS);
            assertTrue(
                    checks.stream()
                            .anyMatch(c -> c.report().qualified().equals(REPORT)
                                    && c.status() == ReportVerifier.Status.DIFFERS),
                    checks.toString());
        }
        String scrape = registry.scrape();
        assertTrue(scrape.contains("wms_analytics_verify_differing_buckets{view=\"" + REPORT + "\"} 2.0"), scrape);
        CliRun.of("verify", REPORT, "--repair", "--config", config.toString());
    }

    @Test
    void a_schema_change_of_a_table_the_report_reads_rebuilds_it_in_full() throws Exception {
        assertEquals("incremental", refresh(REPORT).views().get(0).mode().label());
        pg.replica().execute(PostgresPair.DATABASE, "ALTER TABLE wms.order_lines ADD COLUMN gift_note text");
        try {
            RefreshReport rebuilt = refresh(REPORT);
            assertEquals(
                    "full",
                    rebuilt.views().get(0).mode().label(),
                    rebuilt.views().toString());
            assertEquals("incremental", refresh(REPORT).views().get(0).mode().label());
        } finally {
            pg.replica().execute(PostgresPair.DATABASE, "ALTER TABLE wms.order_lines DROP COLUMN gift_note");
        }
        assertEquals("full", refresh(REPORT).views().get(0).mode().label(), "dropping the column is a change too");
        assertEquals(0, ReportDefinitions.differences(replica, REPORT, "UTC"));
    }

    @Test
    void a_verify_stopped_by_statement_timeout_says_so_in_one_line_and_exits_1() throws Exception {
        Path slow = Files.writeString(
                Files.createTempFile("wms-analytics-verify-", ".conf"),
                Files.readString(config) + "wms-analytics.refresh.statement-timeout = 1ms\n");
        CliRun run = CliRun.of("verify", REPORT, "--config", slow.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(
                List.of("error: " + REPORT + ": verify ran longer than refresh.statement-timeout (1 ms); raise it,"
                        + " or verify one report at a time"),
                run.errLines());
    }

    private static void assertCatchesUp() throws Exception {
        RefreshReport next = refresh(REPORT);
        assertEquals(0, next.exitCode().code(), next.views().toString());
        assertEquals("incremental", next.views().get(0).mode().label());
        assertEquals(
                0,
                dirtyBuckets(),
                () -> pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT string_agg(bucket::text, ', ') FROM analytics_control.dirty_bucket WHERE report_name = 'daily_orders'"));
        assertEquals(0, ReportDefinitions.differences(replica, REPORT, "UTC"));
    }

    private static void assertApplyWorkerWaitsOnNothing() {
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'logical replication worker'"
                                        + " AND (wait_event_type = 'Lock' OR cardinality(pg_blocking_pids(pid)) > 0)"),
                "the apply worker waits on nothing");
    }

    private static RefreshReport refresh(String view) {
        return app.refresh(
                RefreshRequest.adhoc(Optional.empty(), List.of(view), Optional.empty(), true), RefreshProgress.NONE);
    }

    /** The report's buckets recorded by the capture, or claimed by a refresh that did not finish. */
    private static long recordedBuckets() {
        return Long.parseLong(
                pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM (" + RECORDED + ") r"));
    }

    /**
     * The report's buckets waiting for a refresh: those recorded or claimed, and those of the new
     * rows its sweeps have not read yet (a late order inserted calls no trigger).
     */
    private static long dirtyBuckets() {
        String unswept = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(' UNION SELECT bucket FROM ' || unswept::regproc::text || '()', '')"
                                + " FROM analytics_control.report_sweep WHERE report_name = 'daily_orders'");
        return Long.parseLong(pg.replica()
                .queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM (" + RECORDED + unswept + ") pending"));
    }

    private static final String RECORDED = "SELECT bucket FROM analytics_control.dirty_bucket"
            + " WHERE report_name = 'daily_orders' UNION SELECT bucket FROM"
            + " analytics_control.claimed_bucket WHERE report_name = 'daily_orders'";

    private static void awaitDirty() {
        awaitTrue(() -> dirtyBuckets() > 0, "the late order is replicated, its bucket waiting for the refresh");
    }

    private static void awaitWaitingRefresh() {
        awaitTrue(
                () -> Long.parseLong(
                                pg.replica()
                                        .queryValue(
                                                PostgresPair.DATABASE,
                                                "SELECT count(*) FROM pg_stat_activity"
                                                        + " WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM \"order_analytics\"%'"))
                        > 0,
                "the refresh waits for the table lock");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }
}
