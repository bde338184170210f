package com.wmsanalytics.replication.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a slot costs the primary: its retained WAL grows while the subscription is disabled,
 * status shows it with the slot's safe size and the replay lag, and the preflight warns about
 * an unbounded max_slot_wal_keep_size.
 */
class ReplicationHealthTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static Path config;
    private static WmsAnalytics app;

    @BeforeAll
    static void pipeline() throws Exception {
        config = Pipeline.build(pg, 200, "");
        app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void retained_wal_grows_while_the_subscription_is_disabled_and_status_shows_it() throws Exception {
        SubscriptionState before = awaitCaughtUp();
        assertEquals("streaming", before.state());
        assertEquals(Optional.of("reserved"), before.slotStatus());
        assertTrue(before.replayLag().isPresent(), "a walsender serves the subscription: " + before);

        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        try {
            awaitNoWalsender();
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "CREATE TABLE public.filler AS SELECT g, repeat('x', 200) AS pad"
                                    + " FROM generate_series(1, 50000) g");
            SubscriptionState disabled = app.subscriptionSamples().get(0);

            assertEquals("disabled", disabled.state());
            long grown =
                    disabled.retainedWal().orElseThrow() - before.retainedWal().orElseThrow();
            assertTrue(grown > 5_000_000, "50,000 rows of 200 bytes stay in the slot's WAL; grew by " + grown);
            assertEquals(Optional.empty(), disabled.safeWalSize(), "max_slot_wal_keep_size = -1: no limit");
            assertEquals(Optional.empty(), disabled.replayLag(), "no walsender while disabled");

            CliRun status = CliRun.of("status", "--config", config.toString());
            assertEquals(0, status.exitCode(), status.err());
            assertTrue(
                    status.out()
                            .lines()
                            .anyMatch(
                                    l -> l.matches(
                                            "wms_analytics_sub\\s+wms\\s+disabled\\s+-\\s+-\\s+(\\d+|-)\\s+reserved\\s+[\\d.]+ MB\\s+unlimited")),
                    status.out());
        } finally {
            pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
            pg.primary().execute(PostgresPair.DATABASE, "DROP TABLE IF EXISTS public.filler");
        }
        awaitCaughtUp();
    }

    @Test
    void the_preflight_warns_about_an_unbounded_max_slot_wal_keep_size_and_a_bound_gives_a_safe_size()
            throws Exception {
        CliRun check = CliRun.of("setup", "--check", "--config", config.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertEquals(
                List.of("warning: publisher wms: max_slot_wal_keep_size is -1 (unbounded): if the replica stops"
                        + " confirming, its slot keeps WAL on the primary until the disk is full; fix: set max_slot_wal_keep_size"
                        + " (for example 50GB, see conf/postgresql.conf.primary) and reload"),
                check.errLines());

        pg.primary().execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1GB'; SELECT pg_reload_conf()");
        try {
            awaitSetting("1024");
            assertEquals(List.of(), app.preflightWarnings());
            long safe = app.subscriptionSamples().get(0).safeWalSize().orElseThrow();
            assertTrue(
                    safe > 0 && safe <= (1L << 30) + (16L << 20),
                    "safe_wal_size within the 1 GB bound and a segment: " + safe);
        } finally {
            pg.primary().execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size; SELECT pg_reload_conf()");
            awaitSetting("-1");
        }
    }

    private static SubscriptionState awaitCaughtUp() {
        return Await.value(
                "the subscription catches up",
                Duration.ofSeconds(30),
                () -> app.subscriptionSamples().get(0),
                s -> "streaming".equals(s.state()) && s.bytesBehind().orElse(1L) == 0);
    }

    /** A disabled subscription's walsender on the primary ends a moment after the DISABLE. */
    private static void awaitNoWalsender() {
        Await.until(
                "the walsender of the disabled subscription ends",
                Duration.ofSeconds(10),
                () -> "0"
                        .equals(
                                pg.primary()
                                        .queryValue(
                                                PostgresPair.DATABASE,
                                                "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'wms_analytics_sub'")));
    }

    private static void awaitSetting(String value) {
        Await.until(
                "max_slot_wal_keep_size becomes " + value,
                Duration.ofSeconds(5),
                () -> value.equals(pg.primary()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT setting FROM pg_settings WHERE name = 'max_slot_wal_keep_size'")));
    }
}
