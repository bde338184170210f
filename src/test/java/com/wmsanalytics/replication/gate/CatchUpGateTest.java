package com.wmsanalytics.replication.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.replication.gate.CatchUp.Outcome;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.QuietSetup;
import com.wmsanalytics.testing.SettableClock;
import com.wmsanalytics.testing.TestConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CatchUpGateTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static WmsAnalytics app;

    @BeforeAll
    static void a_running_pipeline() {
        app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC());
        app.migratePrimary("wms");
        app.migrate();
        app.setup(QuietSetup.listener());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @BeforeEach
    void subscription_enabled_and_caught_up() {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
        assertTrue(app.awaitCatchUp(Duration.ofSeconds(30), CatchUpGate.Listener.NONE)
                .satisfied());
    }

    @Test
    void an_idle_publisher_passes_the_gate_within_two_seconds() {
        Instant before = Instant.now();
        GateResult gate = app.awaitCatchUp(Duration.ofSeconds(10), CatchUpGate.Listener.NONE);

        assertTrue(gate.satisfied(), gate.toString());
        assertTrue(
                gate.waited().compareTo(Duration.ofSeconds(2)) < 0,
                gate.waited().toString());
        CatchUp wms = gate.publishers().get(0);
        assertEquals(Outcome.CAUGHT_UP, wms.outcome());
        assertTrue(
                wms.targetLsn().orElseThrow().matches("[0-9A-F]+/[0-9A-F]+"),
                wms.targetLsn().toString());
        assertFalse(wms.publisherTime().orElseThrow().isBefore(before.minusSeconds(1)));
        assertEquals(wms.publisherTime(), gate.dataAsOf());
    }

    @Test
    void new_rows_on_the_primary_are_applied_before_the_gate_passes() {
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.warehouses SELECT g, 'W' || g, 'W', 'EU', '2020-01-01'"
                                + " FROM generate_series(1000, 1999) g ON CONFLICT DO NOTHING");

        GateResult gate = app.awaitCatchUp(Duration.ofSeconds(10), CatchUpGate.Listener.NONE);

        assertTrue(gate.satisfied(), gate.toString());
        assertEquals(
                "1000",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM wms.warehouses WHERE warehouse_id BETWEEN 1000 AND 1999"));
    }

    @Test
    void a_disabled_subscription_fails_fast_with_its_own_reason() {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");

        GateResult gate = app.awaitCatchUp(Duration.ofSeconds(30), CatchUpGate.Listener.NONE);

        assertFalse(gate.satisfied());
        assertEquals(Outcome.SUBSCRIPTION_DISABLED, gate.publishers().get(0).outcome());
        assertEquals(
                Optional.of("subscription wms_analytics_sub is disabled; run setup or ALTER SUBSCRIPTION"
                        + " wms_analytics_sub ENABLE"),
                gate.reason());
        assertTrue(gate.waited().compareTo(Duration.ofSeconds(5)) < 0, "fails fast, not at the timeout");
        assertEquals(Optional.empty(), gate.dataAsOf());
    }

    @Test
    void a_replica_that_cannot_apply_times_out_with_the_bytes_behind() throws Exception {
        try (Connection blocker = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE wms.customers IN ACCESS EXCLUSIVE MODE");
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "INSERT INTO wms.customers SELECT g, 'c' || g, 'retail', 'EU', now() FROM generate_series(1, 2000) g"
                                    + " ON CONFLICT DO NOTHING");

            SettableClock clock = new SettableClock(Instant.now());
            GateResult gate;
            try (WmsAnalytics driven = new WmsAnalytics(TestConfig.of(pg), clock, clock.sleeper(), null)) {
                gate = driven.awaitCatchUp(Duration.ofSeconds(2), CatchUpGate.Listener.NONE);
            }

            blocker.rollback();
            CatchUp wms = gate.publishers().get(0);
            assertEquals(Outcome.TIMEOUT, wms.outcome(), gate.toString());
            assertTrue(
                    gate.reason()
                            .orElseThrow()
                            .matches("replica behind publisher wms by [1-9][0-9]* bytes after waiting .*"),
                    gate.reason().toString());
        }
    }

    @Test
    void a_publisher_role_without_pg_read_all_stats_is_a_clear_error_never_a_pass() {
        pg.primary()
                .execute(
                        "postgres",
                        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gate_user')"
                                + " THEN CREATE ROLE gate_user LOGIN; END IF; END $$");
        String hocon = TestConfig.hocon(pg).replace("user = postgres } ]", "user = gate_user } ]");
        try (WmsAnalytics asGateUser = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            GateResult gate = asGateUser.awaitCatchUp(Duration.ofSeconds(10), CatchUpGate.Listener.NONE);

            assertEquals(Outcome.LSN_NOT_VISIBLE, gate.publishers().get(0).outcome());
            assertEquals(
                    Optional.of("publisher wms: role gate_user cannot read replay_lsn in pg_stat_replication;"
                            + " GRANT pg_read_all_stats TO gate_user"),
                    gate.reason());
        }
    }

    @Test
    void an_apply_conflict_fails_the_gate_before_its_timeout() {
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.products VALUES (424242, 'DUP', 'dup', 'x', 1, 2, now())");
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.products VALUES (424242, 'DUP', 'dup', 'x', 1, 2, now())");
        SettableClock clock = new SettableClock(Instant.now());
        try (WmsAnalytics driven = new WmsAnalytics(TestConfig.of(pg), clock, clock.sleeper(), null)) {
            GateResult gate = driven.awaitCatchUp(Duration.ofSeconds(60), CatchUpGate.Listener.NONE);

            assertFalse(gate.satisfied());
            assertTrue(
                    gate.publishers().get(0).outcome() == Outcome.APPLY_ERRORS
                            || gate.publishers().get(0).outcome() == Outcome.APPLY_WORKER_DOWN,
                    gate.toString());
            assertTrue(
                    gate.waited().compareTo(Duration.ofSeconds(30)) < 0,
                    gate.waited().toString());
        } finally {
            pg.replica().execute(PostgresPair.DATABASE, "DELETE FROM wms.products WHERE product_id = 424242");
        }
    }
}
