package com.wmsanalytics.replication.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL 17 slot failover of a WMS primary: a publisher with a physical standby, the
 * replica subscribed with {@code failover = true}. On 17 the preflight checks the standby, and
 * after the standby is promoted {@code setup} points the subscription at it and the gate reads
 * it, with no row lost or doubled. The class runs on the class path's PostgreSQL 17 in the first
 * pass only; {@link SlotFailoverBelow17Test} covers 14.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublisherFailoverTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().classPathBinaries();

    private static PhysicalStandby standby;

    @BeforeAll
    static void a_publisher_with_a_standby_and_a_subscribed_replica() {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            app.migratePrimary("wms");
            app.migrate();
        }
        standby = pg.standbyOfPrimary();
        insertWarehouses(pg.primary(), 1, 100);
    }

    @Test
    @Order(1)
    void a_misconfigured_standby_gets_one_line_per_missing_setting_with_its_fix() throws Exception {

        CliRun check = CliRun.of(
                "setup",
                "--check",
                "--config",
                config(pg.primary().port(), standby.server().port(), 1).toString());

        String standbyAt =
                "publisher wms: standby localhost:" + standby.server().port() + ": ";
        assertEquals(6, check.exitCode(), check.err());
        assertEquals(
                List.of(
                        "error: " + standbyAt + "sync_replication_slots is off: the subscription's slot is not"
                                + " synchronised to it; fix: ALTER SYSTEM SET sync_replication_slots = on on the standby,"
                                + " then reload",
                        "error: " + standbyAt + "hot_standby_feedback is off: the primary may remove rows the"
                                + " synchronised slot still needs, which invalidates it; fix: ALTER SYSTEM SET"
                                + " hot_standby_feedback = on on the standby, then reload",
                        "error: publisher wms: primary localhost:"
                                + pg.primary().port()
                                + ": synchronized_standby_slots does not name '" + PhysicalStandby.SLOT
                                + "', the slot of standby localhost:"
                                + standby.server().port()
                                + ", so the subscriber may get ahead of the standby and lose transactions at a"
                                + " failover; fix: ALTER SYSTEM SET synchronized_standby_slots = '"
                                + PhysicalStandby.SLOT
                                + "' on the primary, then reload",
                        "error: " + standbyAt + "primary_conninfo has no dbname: the slot synchronisation worker"
                                + " connects to a database of the primary; fix: add dbname=wms_db to primary_conninfo on"
                                + " the standby (ALTER SYSTEM SET primary_conninfo), then reload"),
                check.errLines().stream().filter(l -> l.startsWith("error:")).toList());
        assertTrue(
                check.errLines()
                        .contains(
                                "warning: publisher wms: host localhost:1 of url cannot be reached, so its standby"
                                        + " settings were not checked; fix: start it, or remove it from url if it is gone for good"),
                check.err());
    }

    @Test
    @Order(2)
    void after_a_failover_setup_repoints_the_subscription_and_no_row_is_lost_or_doubled() throws Exception {
        standby.synchroniseSlots(PostgresPair.DATABASE);
        CliRun plain = CliRun.of("setup", "--config", file(TestConfig.hocon(pg)).toString());
        assertEquals(0, plain.exitCode(), plain.out() + plain.err());
        Path config = config(pg.primary().port(), standby.server().port(), 0);

        CliRun setup = CliRun.of("setup", "--config", config.toString());

        assertEquals(0, setup.exitCode(), setup.out() + setup.err());
        assertTrue(setup.out().contains("wms: subscription wms_analytics_sub now has slot failover"), setup.out());
        assertEquals(
                "t",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT subfailover AND subenabled FROM pg_subscription WHERE subname = 'wms_analytics_sub'"));
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            assertTrue(app.awaitCatchUp(Duration.ofSeconds(30), CatchUpGate.Listener.NONE)
                    .satisfied());
            standby.awaitSlotSynced("wms_analytics_sub");
            // Rows the replica has not applied when the primary goes: they must come from the standby.
            pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
            insertWarehouses(pg.primary(), 101, 150);
            standby.awaitReplayed();
            pg.primary().close();
            standby.promote();

            CliRun repoint = CliRun.of("setup", "--config", config.toString());

            assertEquals(0, repoint.exitCode(), repoint.out() + repoint.err());
            assertTrue(
                    repoint.out()
                            .contains("wms: subscription wms_analytics_sub now connects to host='localhost' port='"
                                    + standby.server().port() + "' dbname='wms_db' user='postgres'"),
                    repoint.out());
            assertTrue(
                    repoint.errLines()
                            .contains("warning: publisher wms: host localhost:"
                                    + pg.primary().port()
                                    + " of url cannot be reached, so its standby settings were not checked; fix: start"
                                    + " it, or remove it from url if it is gone for good"),
                    repoint.err());
            insertWarehouses(standby.server(), 151, 200);
            String newPrimaryAt = standby.server().queryValue("postgres", "SELECT pg_current_wal_insert_lsn()");

            GateResult gate = app.awaitCatchUp(Duration.ofSeconds(30), CatchUpGate.Listener.NONE);

            assertTrue(gate.satisfied(), gate.reason().orElse(""));
            assertEquals(
                    "t",
                    standby.server()
                            .queryValue(
                                    "postgres",
                                    "SELECT '"
                                            + gate.publishers()
                                                    .get(0)
                                                    .targetLsn()
                                                    .orElseThrow() + "'::pg_lsn >= '" + newPrimaryAt + "'"),
                    "the gate's target is the new primary's position");
        }
        String rows = "SELECT count(*) || ' ' || sum(warehouse_id) FROM wms.warehouses";
        assertEquals("200 20100", standby.server().queryValue(PostgresPair.DATABASE, rows));
        assertEquals("200 20100", pg.replica().queryValue(PostgresPair.DATABASE, rows));
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT apply_error_count FROM pg_stat_subscription_stats WHERE subname = 'wms_analytics_sub'"),
                "nothing was applied twice");
    }

    @Test
    @Order(3)
    void a_slot_missing_on_the_new_primary_refuses_setup_until_setup_resync_copies_the_tables_again() throws Exception {
        Path config = config(pg.primary().port(), standby.server().port(), 0);
        // As right after a failover whose slot was never synchronised: the subscription still
        // names the old primary, and the new one has no slot for it.
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "ALTER SUBSCRIPTION wms_analytics_sub CONNECTION 'host=localhost port="
                                + pg.primary().port() + " dbname=wms_db user=postgres'");
        String inUse = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'wms_analytics_sub' AND active";
        Await.until("the old slot is released", Duration.ofSeconds(10), () -> "0"
                .equals(standby.server().queryValue("postgres", inUse)));
        standby.server().execute("postgres", "SELECT pg_drop_replication_slot('wms_analytics_sub')");

        CliRun refused = CliRun.of("setup", "--config", config.toString());

        assertEquals(6, refused.exitCode(), refused.out() + refused.err());
        assertEquals(
                List.of("error: publisher wms: slot wms_analytics_sub on the new primary localhost:"
                        + standby.server().port() + " does not exist: it was not synchronised from the old primary"
                        + " before the failover, so subscription wms_analytics_sub cannot go on from there; fix: the"
                        + " changes since the slot was last synchronised cannot be streamed: run setup --resync to copy"
                        + " the tables again from the new primary"),
                refused.errLines().stream().filter(l -> l.startsWith("error:")).toList());

        CliRun resync = CliRun.of("setup", "--resync", "--config", config.toString());

        assertEquals(0, resync.exitCode(), resync.out() + resync.err());
        String rows = "SELECT count(*) || ' ' || sum(warehouse_id) FROM wms.warehouses";
        assertEquals("200 20100", pg.replica().queryValue(PostgresPair.DATABASE, rows));
        assertEquals(
                "t",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT subfailover FROM pg_subscription WHERE subname = 'wms_analytics_sub'"));
    }

    /**
     * A failover publisher whose url lists the primary and the standby, in that order, and
     * {@code extraHosts} closed ports after them.
     */
    private static Path config(int primaryPort, int standbyPort, int extraHosts) throws Exception {
        String hosts = "localhost:" + primaryPort + ",localhost:" + standbyPort + ",localhost:1".repeat(extraHosts);
        String hocon = TestConfig.hocon(pg)
                        .replace(
                                pg.primary().jdbcUrl(PostgresPair.DATABASE),
                                "jdbc:postgresql://" + hosts + "/wms_db?targetServerType=primary")
                + "wms-analytics.publisher-defaults.failover = true\n";
        return file(hocon);
    }

    private static Path file(String hocon) throws Exception {
        Path file = Files.createTempFile("failover", ".conf");
        file.toFile().deleteOnExit();
        return Files.writeString(file, hocon);
    }

    private static void insertWarehouses(EmbeddedServer server, int from, int to) {
        server.execute(
                PostgresPair.DATABASE,
                "INSERT INTO wms.warehouses SELECT g, 'W' || g, 'Warehouse ' || g, 'EU', '2020-01-01'"
                        + " FROM generate_series(" + from + ", " + to + ") g");
    }
}
