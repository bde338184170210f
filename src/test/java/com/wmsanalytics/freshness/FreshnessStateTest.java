package com.wmsanalytics.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.RecordedRuns;
import com.wmsanalytics.testing.SettableClock;
import com.wmsanalytics.testing.TestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each report's state is computed from the run history on a real replica, against the publisher time its gate covered. */
class FreshnessStateTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String DAILY_ORDERS = "order_analytics.daily_orders";
    private static final String KPIS = "analytics.daily_kpis";

    private static final SettableClock clock = new SettableClock(NOW);
    private static WmsAnalytics app;
    private static RecordedRuns runs;

    @BeforeAll
    static void migrate() {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        app = new WmsAnalytics(
                TestConfig.of(TestConfig.hocon(pg) + "wms-analytics.freshness.views { \"" + KPIS
                        + "\" { warn-after = 1h, error-after = 2h } }\n"),
                clock);
        runs = new RecordedRuns(pg.replica().dataSource(PostgresPair.DATABASE));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @BeforeEach
    void emptyHistory() {
        pg.replica().execute(PostgresPair.DATABASE, "TRUNCATE analytics_control.refresh_run CASCADE");
        clock.set(NOW);
    }

    @Test
    void a_report_never_refreshed_is_unknown() {
        ReportFreshness r = state(DAILY_ORDERS);

        assertEquals(FreshnessState.UNKNOWN, r.state());
        assertEquals(Optional.empty(), r.dataAsOf());
        assertEquals("no refresh through a satisfied catch-up gate yet", r.reason());
    }

    @Test
    void the_state_follows_the_age_of_the_data_as_of_against_the_group_objective() {
        runs.gated(NOW.minus(Duration.ofHours(25)), NOW.minus(Duration.ofHours(25)), DAILY_ORDERS);
        assertEquals(FreshnessState.FRESH, state(DAILY_ORDERS).state());

        clock.advance(Duration.ofHours(1));
        ReportFreshness warn = state(DAILY_ORDERS);
        assertEquals(FreshnessState.WARN, warn.state());
        assertEquals(Optional.of(Duration.ofHours(26)), warn.age());
        assertEquals("data as of 26 h ago, warn after 26 h", warn.reason());

        clock.advance(Duration.ofHours(4));
        ReportFreshness error = state(DAILY_ORDERS);
        assertEquals(FreshnessState.ERROR, error.state());
        assertEquals("data as of 30 h ago, error after 30 h", error.reason());
    }

    @Test
    void the_age_is_measured_from_the_publisher_time_the_gate_covered_not_from_the_refresh() {
        runs.gated(NOW.minus(Duration.ofHours(27)), NOW.minusSeconds(60), DAILY_ORDERS);

        ReportFreshness r = state(DAILY_ORDERS);

        assertEquals(FreshnessState.WARN, r.state(), "refreshed a minute ago, but with data 27 h old");
        assertEquals(Optional.of(NOW.minus(Duration.ofHours(27))), r.dataAsOf());
    }

    @Test
    void an_ungated_refresh_does_not_make_a_report_fresher() {
        runs.gated(NOW.minus(Duration.ofHours(28)), NOW.minus(Duration.ofHours(28)), DAILY_ORDERS);
        runs.ungated(NOW.minusSeconds(60), DAILY_ORDERS);

        ReportFreshness r = state(DAILY_ORDERS);

        assertEquals(FreshnessState.WARN, r.state());
        assertEquals(Optional.of(NOW.minus(Duration.ofHours(28))), r.dataAsOf());
    }

    @Test
    void skipped_and_failed_runs_leave_the_data_as_of_where_it_was() {
        runs.gated(NOW.minus(Duration.ofHours(31)), NOW.minus(Duration.ofHours(31)), DAILY_ORDERS);
        runs.skipped(NOW.minus(Duration.ofHours(2)), "replica behind by 4096 bytes");
        runs.failed(
                NOW.minusSeconds(600),
                NOW.minusSeconds(60),
                "canceling statement due to statement timeout",
                DAILY_ORDERS);

        assertEquals(FreshnessState.ERROR, state(DAILY_ORDERS).state());
    }

    @Test
    void a_report_objective_overrides_its_group() {
        runs.gated(NOW.minus(Duration.ofMinutes(90)), NOW.minus(Duration.ofMinutes(90)), KPIS, DAILY_ORDERS);

        assertEquals(FreshnessState.WARN, state(KPIS).state(), "its own: warn after 1 h");
        assertEquals(FreshnessState.FRESH, state(DAILY_ORDERS).state(), "the daily group's: warn after 26 h");
        assertEquals(Duration.ofHours(2), state(KPIS).objective().orElseThrow().errorAfter());
    }

    private static ReportFreshness state(String view) {
        return app.freshnessStates().stream()
                .filter(r -> r.view().equals(view))
                .findFirst()
                .orElseThrow();
    }
}
