package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded random change sequences written on the primary and applied by the subscription,
 * never written to the mirror directly: after every refresh, each incremental report equals
 * its full definition. The reporting time zone is not UTC, so a day's bucket differs from
 * its UTC date in the triggers and in the refresh alike.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalReplicationTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String ZONE = "America/New_York";
    private static final int ROUNDS = 8;

    private static WmsAnalytics app;
    private static DataSource replica;

    @BeforeAll
    static void pipeline() throws Exception {
        Path config = Pipeline.build(pg, 1500, "wms-analytics.refresh.time-zone = \"" + ZONE + "\"\n");
        app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC());
        replica = pg.replica().dataSource(PostgresPair.DATABASE);
    }

    @Test
    @Order(1)
    void every_incremental_report_equals_its_definition_after_each_refresh_of_random_replicated_changes()
            throws Exception {
        DataSource primary = pg.primary().dataSource(PostgresPair.DATABASE);
        RandomChanges changes = new RandomChanges(primary, new SplittableRandom(20261201L));
        assertModes(refreshAllGroups(), "full");
        assertAllEqualTheirDefinitions("after the first, full refresh");
        for (int round = 1; round <= ROUNDS; round++) {
            changes.round(round == ROUNDS / 2);
            RefreshReport report = refreshAllGroups();
            if (round != ROUNDS / 2) {
                assertModes(report, "incremental");
            }
            assertAllEqualTheirDefinitions("after round " + round + " (" + changes.summary() + ")");
        }
        assertModes(refreshAllGroups(), "incremental");
        assertAllEqualTheirDefinitions("after a refresh with nothing changed");
    }

    @Test
    @Order(2)
    void a_replicated_truncate_rebuilds_the_reports_that_read_the_table_in_full() throws Exception {
        refreshAllGroups();
        pg.primary().execute(PostgresPair.DATABASE, "TRUNCATE wms.stock_movements");
        Map<String, String> modes = modes(refreshAllGroups());
        assertEquals("full", modes.get("warehouse_analytics.daily_throughput"), modes.toString());
        assertEquals(
                "full", modes.get("analytics.daily_kpis"), "a report rebuilt in full rebuilds its readers: " + modes);
        assertEquals("incremental", modes.get("order_analytics.daily_orders"), modes.toString());
        assertEquals("full", modes.get("inventory_analytics.monthly_movement_value"), modes.toString());
        assertAllEqualTheirDefinitions("after a TRUNCATE");
    }

    @Test
    @Order(3)
    void weekly_trends_stays_right_on_a_later_day_because_the_date_rollover_falls_in_the_recomputed_weeks()
            throws Exception {
        refreshAllGroups();
        String week = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT max(week_start) FROM order_analytics.weekly_trends WHERE week_complete");
        // The table as a refresh on the last day of that week left it: the week still running.
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE order_analytics.weekly_trends SET week_complete = false" + " WHERE week_start = '"
                                + week + "'");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE analytics_control.incremental_report"
                                + " SET refreshed_at = '" + week + "'::date + interval '6 days 23 hours'"
                                + " WHERE report_name = 'weekly_trends'");
        assertEquals("incremental", modes(refreshAllGroups()).get("order_analytics.weekly_trends"));
        assertAllEqualTheirDefinitions("a week after the last refresh");
    }

    /** Refreshes the daily, weekly and monthly groups, as the scheduled jobs do. */
    private static RefreshReport refreshAllGroups() {
        List<com.wmsanalytics.refresh.ViewOutcome> outcomes = new java.util.ArrayList<>();
        RefreshReport last = null;
        for (String group : List.of("daily", "weekly", "monthly")) {
            RefreshReport report = app.refresh(
                    RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true), RefreshProgress.NONE);
            assertEquals(
                    0,
                    report.exitCode().code(),
                    () -> "refresh failed: " + report.error().orElse("") + " " + report.views());
            outcomes.addAll(report.views());
            last = report;
        }
        return new RefreshReport(last.runId(), last.status(), last.gate(), outcomes, last.error(), last.elapsed());
    }

    private static Map<String, String> modes(RefreshReport report) {
        return report.views().stream()
                .filter(v -> v.view().isIncremental())
                .collect(Collectors.toMap(
                        v -> v.view().qualified(), v -> v.mode().label(), (a, b) -> a, TreeMap::new));
    }

    private static void assertModes(RefreshReport report, String mode) {
        Map<String, String> modes = modes(report);
        assertEquals(7, modes.size(), "the six reports kept by time and customer_months: " + modes);
        assertTrue(
                modes.values().stream().allMatch(mode::equals),
                "expected every incremental report " + mode + ": " + modes);
    }

    private static void assertAllEqualTheirDefinitions(String when) throws SQLException {
        for (String report : ReportDefinitions.incrementalReports(replica)) {
            assertEquals(
                    0,
                    ReportDefinitions.differences(replica, report, ZONE),
                    report + " differs from its definition " + when);
        }
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        replica, "inventory_analytics.monthly_turnover", "V5__monthly_views.sql", ZONE),
                "monthly_turnover, computed from its incremental ledger, equals its original query " + when);
        try (Connection c = replica.getConnection()) {
            assertTrue(
                    c.createStatement()
                            .executeQuery("SELECT count(*) > 0 FROM analytics.daily_kpis")
                            .next(),
                    "daily_kpis has rows");
        }
    }
}
