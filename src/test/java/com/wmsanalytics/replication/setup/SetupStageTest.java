package com.wmsanalytics.replication.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.preflight.PreflightFailedException;
import com.wmsanalytics.replication.server.TableCounts;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.QuietSetup;
import com.wmsanalytics.testing.TestConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SetupStageTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private WmsAnalytics app;

    @BeforeEach
    void fresh_servers_with_schemas_and_some_orders() {
        pg.resetDatabases();
        app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC());
        app.migratePrimary("wms");
        app.migrate();
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.warehouses VALUES (1, 'BER', 'Berlin', 'EU', '2020-01-01'), (2, 'LYS', 'Lyon', 'EU', '2021-01-01')");
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void setup_publishes_subscribes_and_copies_every_table() {
        List<String> changes = app.setup(QuietSetup.listener());

        assertEquals(
                List.of(
                        "wms: created publication wms_analytics_pub with 9 tables",
                        "wms: created subscription wms_analytics_sub to host='localhost' port='"
                                + pg.primary().port() + "' dbname='wms_db' user='postgres'"),
                changes);
        assertTrue(app.rowCounts("wms").stream().allMatch(TableCounts.Row::matches));
        assertEquals(
                2,
                app.rowCounts("wms").stream()
                        .filter(r -> r.table().equals("wms.warehouses"))
                        .findFirst()
                        .orElseThrow()
                        .replica());
    }

    @Test
    void setup_run_twice_changes_nothing_the_second_time() {
        app.setup(QuietSetup.listener());
        assertEquals(List.of(), app.setup(QuietSetup.listener()));
    }

    @Test
    void
            setup_brings_a_new_published_table_into_publication_and_subscription_and_marks_the_reports_for_a_full_rebuild() {
        app.setup(QuietSetup.listener());
        for (var server : List.of(pg.primary(), pg.replica())) {
            server.execute(PostgresPair.DATABASE, "CREATE TABLE wms.carriers (carrier_id int PRIMARY KEY, name text)");
        }
        pg.primary().execute(PostgresPair.DATABASE, "INSERT INTO wms.carriers VALUES (1, 'DHL'), (2, 'UPS')");
        pg.replica()
                .execute(PostgresPair.DATABASE, "UPDATE analytics_control.incremental_report SET needs_full = false");

        List<String> changes = app.setup(QuietSetup.listener());

        assertEquals(
                List.of(
                        "wms: publication wms_analytics_pub now holds 10 tables",
                        "wms: subscription wms_analytics_sub refreshed to the publication's 10 tables"),
                changes);
        assertTrue(app.rowCounts("wms").stream().allMatch(TableCounts.Row::matches));
        assertEquals(
                "12",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM analytics_control.incremental_report"
                                        + " WHERE needs_full AND full_reason = 'subscription wms_analytics_sub copied newly published tables'"),
                "tables copied anew rebuild the table-backed reports in full: the six by time, the three ledgers by"
                        + " time, customer_span by key, and the two of kind table, rebuilt at every refresh anyway");
    }

    @Test
    void setup_enables_a_disabled_subscription() {
        app.setup(QuietSetup.listener());
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        assertEquals(List.of("wms: enabled subscription wms_analytics_sub"), app.setup(QuietSetup.listener()));
    }

    @Test
    void the_stored_conninfo_holds_no_password_when_none_is_configured() {
        app.setup(QuietSetup.listener());
        String conninfo = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT subconninfo FROM pg_subscription WHERE subname = 'wms_analytics_sub'");
        assertFalse(conninfo.contains("password"), conninfo);
    }

    @Test
    void a_failing_create_subscription_never_shows_the_password_even_with_verbose() throws Exception {
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "SELECT pg_create_logical_replication_slot('wms_analytics_sub', 'pgoutput')");
        try {
            java.nio.file.Path config = java.nio.file.Files.writeString(
                    java.nio.file.Files.createTempFile("secret", ".conf"),
                    TestConfig.hocon(pg) + "wms-analytics.publisher-defaults.password = ${?TEST_SECRET}\n");

            CliRun run = CliRun.of(
                    java.util.Map.of("TEST_SECRET", "s3cr3t-Pa55"),
                    "setup",
                    "--verbose",
                    "--config",
                    config.toString());

            assertEquals(5, run.exitCode(), "PostgreSQL reports the publisher side's error as class 08: " + run.err());
            assertTrue(
                    run.err()
                            .contains("error: cannot create subscription wms_analytics_sub (host='localhost' port='"
                                    + pg.primary().port() + "' dbname='wms_db' user='postgres' password='********'): "),
                    run.err());
            assertTrue(run.err().contains("already exists"), run.err());
            assertFalse(run.err().contains("s3cr3t-Pa55") || run.out().contains("s3cr3t-Pa55"), run.err());
        } finally {
            pg.primary().execute(PostgresPair.DATABASE, "SELECT pg_drop_replication_slot('wms_analytics_sub')");
        }
    }

    @Test
    void a_subscription_of_the_same_name_in_another_database_of_the_replica_is_neither_read_nor_changed() {
        app.setup(QuietSetup.listener());
        pg.replica().execute("postgres", "CREATE DATABASE other_db");
        pg.replica()
                .execute(
                        "other_db",
                        "CREATE SUBSCRIPTION wms_analytics_sub CONNECTION 'host=localhost port="
                                + pg.primary().port()
                                + " dbname=other_db' PUBLICATION other_pub WITH (connect = false)");

        assertEquals(List.of(), app.setup(QuietSetup.listener()), "wms_db's subscription is up to date");
        assertTrue(app.awaitCatchUp(Duration.ofSeconds(10), CatchUpGate.Listener.NONE)
                .satisfied());
        assertEquals(
                "false|{other_pub}|host=localhost port=" + pg.primary().port() + " dbname=other_db",
                pg.replica()
                        .queryValue(
                                "other_db",
                                "SELECT subenabled || '|' || subpublications::text || '|' || subconninfo"
                                        + " FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = 'other_db')"));
    }

    @Test
    void the_preflight_passes_on_fit_servers() {
        assertEquals(List.of(), app.preflight());
    }

    @Test
    void a_column_missing_on_the_mirror_is_drift_and_setup_changes_nothing() {
        pg.primary().execute(PostgresPair.DATABASE, "ALTER TABLE wms.orders ADD COLUMN channel text");

        PreflightFailedException e =
                assertThrows(PreflightFailedException.class, () -> app.setup(QuietSetup.listener()));

        assertEquals(ExitCode.SERVER_NOT_FIT, e.exitCode());
        assertEquals(
                List.of("replica: drift: wms.orders.channel exists on publisher wms but not on the replica;"
                        + " fix: add it to the mirror in a migration: ALTER TABLE wms.orders ADD COLUMN channel text"),
                e.findings().stream().map(Finding::line).toList());
        assertEquals("0", pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM pg_publication"));
    }

    @Test
    void a_column_type_that_differs_is_drift() {
        pg.primary().execute(PostgresPair.DATABASE, "ALTER TABLE wms.customers ALTER COLUMN region TYPE varchar(40)");
        assertEquals(
                List.of(
                        "replica: drift: wms.customers.region is character varying(40) on publisher wms but text on the replica;"
                                + " fix: ALTER TABLE wms.customers ALTER COLUMN region TYPE character varying(40) on the replica, in a migration"),
                app.preflight().stream().map(Finding::line).toList());
    }

    @Test
    void a_published_table_without_primary_key_is_named_with_the_fix() {
        pg.primary().execute(PostgresPair.DATABASE, "CREATE TABLE wms.scan_log (scanned_at timestamptz, barcode text)");
        pg.replica().execute(PostgresPair.DATABASE, "CREATE TABLE wms.scan_log (scanned_at timestamptz, barcode text)");

        assertEquals(
                List.of(
                        "publisher wms: table wms.scan_log has no primary key or replica identity, so its UPDATE and"
                                + " DELETE would fail once published; fix: add a primary key, or ALTER TABLE wms.scan_log REPLICA IDENTITY FULL"),
                app.preflight().stream().map(Finding::line).toList());
    }
}
