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
import java.sql.ResultSet;
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

    /** The reports that were materialized views when first shipped, with the migration that made each. */
    private static final String[][] FIRST_SHIPPED = {
        {"order_analytics.daily_orders", "V3__daily_views.sql"},
        {"order_analytics.fulfillment_times", "V3__daily_views.sql"},
        {"warehouse_analytics.daily_throughput", "V3__daily_views.sql"},
        {"analytics.daily_kpis", "V3__daily_views.sql"},
        {"order_analytics.weekly_trends", "V4__weekly_views.sql"},
        {"customer_analytics.customer_summary", "V4__weekly_views.sql"},
        {"customer_analytics.monthly_rfm", "V5__monthly_views.sql"},
        {"inventory_analytics.abc_classification", "V5__monthly_views.sql"},
        {"inventory_analytics.slow_movers", "V4__weekly_views.sql"}
    };

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
    void every_trigger_and_capture_function_on_a_replica_migrated_from_scratch_is_generated_from_a_declaration()
            throws Exception {
        String generated = "'^capture_[0-9a-f]{12}_'";
        try (Connection c = replica.getConnection()) {
            ResultSet triggers = c.createStatement()
                    .executeQuery("SELECT count(*) FILTER (WHERE t.tgname !~ " + generated + "), count(*)"
                            + " FROM pg_trigger t WHERE NOT t.tgisinternal"
                            + " AND t.tgrelid::regclass::text LIKE 'wms.%'");
            triggers.next();
            assertEquals(0, triggers.getInt(1), "triggers on the mirror that no declaration generated");
            assertTrue(triggers.getInt(2) > 0, "the generated capture is installed");
            ResultSet functions = c.createStatement()
                    .executeQuery("SELECT count(*) FROM pg_proc p WHERE p.prorettype = 'trigger'::regtype"
                            + " AND p.pronamespace = 'analytics_control'::regnamespace AND p.proname !~ " + generated);
            functions.next();
            assertEquals(0, functions.getInt(1), "capture functions that no declaration generated");
        }
    }

    /** Refreshes the daily, weekly and monthly groups, as the scheduled jobs do. */
    private static RefreshReport refreshAllGroups() {
        List<com.wmsanalytics.refresh.ReportOutcome> outcomes = new java.util.ArrayList<>();
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
        assertEquals(
                10,
                modes.size(),
                "the six reports kept by time, the ledgers customer_months, pick_months and product_months, and"
                        + " customer_span, kept by key over customer_months: "
                        + modes);
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
        for (String[] original : FIRST_SHIPPED) {
            assertEquals(
                    0,
                    ReportDefinitions.viewDifferences(replica, original[0], original[1], ZONE),
                    original[0] + " equals its definition as the migrations first shipped it " + when);
        }
        try (Connection c = replica.getConnection()) {
            assertTrue(
                    c.createStatement()
                            .executeQuery("SELECT count(*) > 0 FROM analytics.daily_kpis")
                            .next(),
                    "daily_kpis has rows");
            for (String report : ReportDefinitions.incrementalReports(replica)) {
                ResultSet counts = c.createStatement()
                        .executeQuery("SELECT r.row_count, (SELECT count(*) FROM " + report + ")"
                                + " FROM analytics_control.incremental_report r"
                                + " WHERE r.report_schema || '.' || r.report_name = '" + report + "'");
                assertTrue(counts.next(), report);
                assertEquals(
                        counts.getLong(2),
                        counts.getLong(1),
                        report + ": the row count its refresh recorded, without counting, is its rows " + when);
            }
        }
    }
}
