package com.wmsanalytics.replication.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.QuietSetup;
import com.wmsanalytics.testing.TestConfig;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A primary started with the settings a DBA forgets, and a replica short of workers. */
@Tag("slow")
class PreflightTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical()
            .primarySettings(s -> {
                s.put("wal_level", "replica");
                s.put("max_replication_slots", "1");
            })
            .replicaSettings(s -> {
                s.put("max_logical_replication_workers", "2");
                s.put("max_worker_processes", "2");
            });

    @BeforeAll
    static void schemas_and_an_unprivileged_replication_role() {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            app.migratePrimary("wms");
            app.migrate();
        }
        pg.primary().execute(PostgresPair.DATABASE, "CREATE ROLE wms_repl_user LOGIN");
    }

    @Test
    void each_unfit_setting_is_one_line_with_its_fix() {
        List<String> lines = preflight(TestConfig.hocon(pg));

        assertEquals(
                List.of(
                        "publisher wms: wal_level is 'replica', logical replication needs 'logical'; fix: set wal_level = logical"
                                + " in postgresql.conf and restart the server",
                        "publisher wms: max_replication_slots is 1 but 3 are needed (0 replication slots in use, 1 for the"
                                + " subscription, 2 for the initial copy); fix: set max_replication_slots = 10 in postgresql.conf"
                                + " and restart the server",
                        "replica: max_logical_replication_workers is 2 but 3 are needed (1 apply worker(s) and 2 table-sync"
                                + " workers); fix: set max_logical_replication_workers = 4 in postgresql.conf and restart",
                        "replica: max_worker_processes is 2, not above max_logical_replication_workers (2); fix: set"
                                + " max_worker_processes = 6 in postgresql.conf and restart"),
                lines);
    }

    @Test
    void a_role_without_replication_or_stats_rights_is_named() {
        List<String> lines = preflight(TestConfig.hocon(pg).replace("user = postgres } ]", "user = wms_repl_user } ]"));

        assertTrue(
                lines.contains("publisher wms: role wms_repl_user lacks the REPLICATION attribute the subscription"
                        + " connects with; fix: ALTER ROLE wms_repl_user REPLICATION"),
                lines.toString());
        assertTrue(
                lines.contains("publisher wms: role wms_repl_user cannot read the LSN columns of pg_stat_replication"
                        + " the catch-up gate uses; fix: GRANT pg_read_all_stats TO wms_repl_user"),
                lines.toString());
        assertTrue(
                lines.contains(
                        "publisher wms: role wms_repl_user cannot add 9 table(s) to publication wms_analytics_pub"
                                + " because it does not own them (wms.customers, wms.inventory, wms.locations, wms.order_lines, wms.orders,"
                                + " wms.products, wms.shipments, wms.stock_movements, wms.warehouses); fix: as the tables' owner run"
                                + " CREATE PUBLICATION wms_analytics_pub FOR TABLE wms.customers, wms.inventory, wms.locations, wms.order_lines,"
                                + " wms.orders, wms.products, wms.shipments, wms.stock_movements, wms.warehouses; or run setup once as the"
                                + " owner or a superuser"),
                lines.toString());
        assertTrue(
                lines.contains("publisher wms: role wms_repl_user cannot read 9 table(s) the initial copy reads"
                        + " (wms.customers, wms.inventory, wms.locations, wms.order_lines, wms.orders, wms.products, wms.shipments,"
                        + " wms.stock_movements, wms.warehouses); fix: GRANT USAGE ON SCHEMA wms TO wms_repl_user; GRANT SELECT ON ALL"
                        + " TABLES IN SCHEMA wms TO wms_repl_user"),
                lines.toString());
    }

    @Test
    void setup_on_unfit_servers_fails_and_creates_nothing() {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            PreflightFailedException e =
                    assertThrows(PreflightFailedException.class, () -> app.setup(QuietSetup.listener()));
            assertEquals(ExitCode.SERVER_NOT_FIT, e.exitCode());
        }
        assertEquals("0", pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM pg_publication"));
        assertEquals("0", pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM pg_subscription"));
    }

    @Test
    void an_unreachable_publisher_is_exit_code_5_naming_the_server() {
        String hocon = TestConfig.hocon(pg)
                .replace(pg.primary().jdbcUrl(PostgresPair.DATABASE), "jdbc:postgresql://127.0.0.1:1/wms_db");
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            ConnectionException e = assertThrows(ConnectionException.class, app::preflight);
            assertEquals(ExitCode.CANNOT_CONNECT, e.exitCode());
            assertTrue(
                    e.getMessage().startsWith("cannot connect to publisher wms (127.0.0.1:1/wms_db as postgres): "),
                    e.getMessage());
        }
    }

    private static List<String> preflight(String hocon) {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            return app.preflight().stream().map(Finding::line).toList();
        }
    }
}
