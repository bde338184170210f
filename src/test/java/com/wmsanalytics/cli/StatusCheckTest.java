package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.RecordedRuns;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code status --check} for monitors: one line per report that is not fresh, and exit codes 0, 10 and 11. */
class StatusCheckTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String DAILY_ORDERS = "order_analytics.daily_orders";
    private static final String KPIS = "analytics.daily_kpis";
    private static Path config;
    private static RecordedRuns runs;
    private static List<String> reports;

    @BeforeAll
    static void migrate() throws Exception {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        runs = new RecordedRuns(pg.replica().dataSource(PostgresPair.DATABASE));
        config = Files.writeString(Files.createTempFile("status-check", ".conf"), TestConfig.hocon(pg));
        reports = List.of(pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(view_schema || '.' || view_name, ',' ORDER BY 1) FROM analytics.report_freshness")
                .split(","));
    }

    @BeforeEach
    void emptyHistory() {
        pg.replica().execute(PostgresPair.DATABASE, "TRUNCATE analytics_control.refresh_run CASCADE");
    }

    @Test
    void all_fresh_exits_0_with_one_ok_line() {
        runs.gated(Instant.now().minusSeconds(60), Instant.now(), reports.toArray(String[]::new));

        CliRun run = CliRun.of("status", "--check", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of("OK all " + reports.size() + " reports are fresh"),
                run.out().lines().toList());
    }

    @Test
    void a_report_past_warn_after_exits_10_and_is_the_only_line() {
        Instant now = Instant.now();
        runs.gated(now.minusSeconds(60), now, others(DAILY_ORDERS));
        runs.gated(now.minus(Duration.ofHours(27)), now.minus(Duration.ofHours(27)), DAILY_ORDERS);

        CliRun run = CliRun.of("status", "--check", "--config", config.toString());

        assertEquals(10, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of("WARN " + DAILY_ORDERS + ": data as of 27 h ago, warn after 26 h"),
                run.out().lines().toList());
    }

    @Test
    void a_report_past_error_after_exits_11_and_a_never_refreshed_one_is_listed_as_unknown() {
        Instant now = Instant.now();
        runs.gated(now.minusSeconds(60), now, others(DAILY_ORDERS, KPIS));
        runs.gated(now.minus(Duration.ofHours(31)), now.minus(Duration.ofHours(31)), DAILY_ORDERS);

        CliRun run = CliRun.of("status", "--check", "--config", config.toString());

        assertEquals(11, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of(
                        "UNKNOWN " + KPIS + ": no refresh through a satisfied catch-up gate yet",
                        "ERROR " + DAILY_ORDERS + ": data as of 31 h ago, error after 30 h"),
                run.out().lines().toList());
    }

    @Test
    void check_with_json_lists_the_reports_that_are_not_fresh_with_the_same_exit_code() throws Exception {
        Instant now = Instant.now();
        runs.gated(now.minusSeconds(60), now, others(DAILY_ORDERS));
        runs.gated(now.minus(Duration.ofHours(31)), now.minus(Duration.ofHours(31)), DAILY_ORDERS);

        CliRun run = CliRun.of("status", "--check", "--json", "--config", config.toString());

        assertEquals(11, run.exitCode(), run.out() + run.err());
        JsonNode list = new ObjectMapper().readTree(run.out());
        assertEquals(1, list.size(), run.out());
        assertEquals("error", find(list, DAILY_ORDERS).get("state").asText());
    }

    @Test
    void a_report_never_refreshed_through_the_gate_is_a_warning() {
        Instant now = Instant.now();
        runs.gated(now.minusSeconds(60), now, others(KPIS));
        runs.ungated(now, KPIS);

        CliRun run = CliRun.of("status", "--check", "--config", config.toString());

        assertEquals(10, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of("UNKNOWN " + KPIS + ": no refresh through a satisfied catch-up gate yet"),
                run.out().lines().toList());
    }

    @Test
    void status_and_views_show_each_state_and_json_has_it_with_the_objective() throws Exception {
        Instant now = Instant.now();
        runs.gated(now.minus(Duration.ofHours(27)), now.minusSeconds(30), DAILY_ORDERS);

        CliRun status = CliRun.of("status", "--config", config.toString());
        CliRun views = CliRun.of("views", "--config", config.toString());
        CliRun json = CliRun.of("status", "--json", "--config", config.toString());

        assertEquals(0, status.exitCode(), status.err());
        assertTrue(
                status.out()
                        .lines()
                        .anyMatch(l -> l.startsWith(DAILY_ORDERS) && l.matches(".*\\swarn\\s+27 h / 26 h, 30 h$")),
                status.out());
        assertTrue(
                status.out().lines().anyMatch(l -> l.startsWith(KPIS) && l.matches(".*\\sunknown\\s+- / 26 h, 30 h$")),
                status.out());
        assertTrue(views.out().lines().anyMatch(l -> l.startsWith(DAILY_ORDERS) && l.endsWith(" warn")), views.out());
        JsonNode daily = find(new ObjectMapper().readTree(json.out()).get("freshness"), DAILY_ORDERS);
        assertEquals("warn", daily.get("state").asText());
        assertEquals(93_600, daily.get("objective").get("warn_after").asDouble(), 0.001);
        assertEquals(108_000, daily.get("objective").get("error_after").asDouble(), 0.001);
        assertEquals(97_200, daily.get("age").asDouble(), 60.0, "27 h, give or take the test's own time");
    }

    @Test
    void an_objective_for_an_unknown_report_is_a_usage_error_in_one_line() throws Exception {
        Path bad = Files.writeString(
                Files.createTempFile("status-check-bad", ".conf"),
                TestConfig.hocon(pg)
                        + "wms-analytics.freshness.views { \"order_analytics.nope\" { warn-after = 1h, error-after = 2h } }\n");

        CliRun run = CliRun.of("status", "--check", "--config", bad.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(
                run.err()
                        .startsWith(
                                "error: " + bad + ":7: wms-analytics.freshness.views.\"order_analytics.nope\": unknown"
                                        + " report 'order_analytics.nope'; known: "),
                run.err());
    }

    private static String[] others(String... except) {
        return reports.stream().filter(r -> !List.of(except).contains(r)).toArray(String[]::new);
    }

    private static JsonNode find(JsonNode list, String view) {
        for (JsonNode n : list) {
            if (n.get("view").asText().equals(view)) {
                return n;
            }
        }
        throw new AssertionError("no " + view + " in " + list);
    }
}
