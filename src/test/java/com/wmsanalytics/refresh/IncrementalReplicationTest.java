package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.service.RefreshProgress;
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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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

    @RegisterExtension static final PostgresPair pg = PostgresPair.logical();

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
    void every_incremental_report_equals_its_definition_after_each_refresh_of_random_replicated_changes() throws Exception {
        DataSource primary = pg.primary().dataSource(PostgresPair.DATABASE);
        RandomChanges changes = new RandomChanges(primary, new SplittableRandom(20261201L));
        assertModes(refreshDaily(), "full");
        assertAllEqualTheirDefinitions("after the first, full refresh");
        for (int round = 1; round <= ROUNDS; round++) {
            changes.round(round == ROUNDS / 2);
            RefreshReport report = refreshDaily();
            if (round != ROUNDS / 2) {
                assertModes(report, "incremental");
            }
            assertAllEqualTheirDefinitions("after round " + round + " (" + changes.summary() + ")");
        }
        assertModes(refreshDaily(), "incremental");
        assertAllEqualTheirDefinitions("after a refresh with nothing changed");
    }

    @Test
    @Order(2)
    void a_replicated_truncate_rebuilds_the_reports_that_read_the_table_in_full() throws Exception {
        refreshDaily();
        pg.primary().execute(PostgresPair.DATABASE, "TRUNCATE wms.stock_movements");
        Map<String, String> modes = modes(refreshDaily());
        assertEquals("full", modes.get("warehouse_analytics.daily_throughput"), modes.toString());
        assertEquals("full", modes.get("analytics.daily_kpis"), "a report rebuilt in full rebuilds its readers: " + modes);
        assertEquals("incremental", modes.get("order_analytics.daily_orders"), modes.toString());
        assertAllEqualTheirDefinitions("after a TRUNCATE");
    }

    private static RefreshReport refreshDaily() {
        RefreshReport report = app.refresh(RefreshRequest.adhoc(Optional.of("daily"), List.of(), Optional.empty(), true),
                RefreshProgress.NONE);
        assertEquals(0, report.exitCode().code(), () -> "refresh failed: " + report.error().orElse("") + " " + report.views());
        return report;
    }

    private static Map<String, String> modes(RefreshReport report) {
        return report.views().stream().filter(v -> v.view().isIncremental())
                .collect(Collectors.toMap(v -> v.view().qualified(), v -> v.mode().label(), (a, b) -> a, TreeMap::new));
    }

    private static void assertModes(RefreshReport report, String mode) {
        Map<String, String> modes = modes(report);
        assertEquals(4, modes.size(), modes.toString());
        assertTrue(modes.values().stream().allMatch(mode::equals), "expected every incremental report " + mode + ": " + modes);
    }

    private static void assertAllEqualTheirDefinitions(String when) throws SQLException {
        for (String report : ReportDefinitions.incrementalReports(replica)) {
            assertEquals(0, ReportDefinitions.differences(replica, report, ZONE), report + " differs from its definition " + when);
        }
        try (Connection c = replica.getConnection()) {
            assertTrue(c.createStatement().executeQuery("SELECT count(*) > 0 FROM analytics.daily_kpis")
                    .next(), "daily_kpis has rows");
        }
    }
}
