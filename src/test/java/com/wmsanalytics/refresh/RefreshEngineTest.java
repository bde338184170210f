package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.config.RefreshSettings;
import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.db.Servers;
import com.wmsanalytics.refresh.ReportOutcome.Status;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportContents;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine against the replica's real views, on a small hand-made mirror. */
class RefreshEngineTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final RefreshSettings SETTINGS =
            new RefreshSettings(2, Duration.ofMinutes(1), Duration.ofMillis(500), "UTC", false, false, 100);
    private static HikariDataSource pool;

    @BeforeAll
    static void migrated_replica_with_a_few_orders() {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        pg.replica().execute(PostgresPair.DATABASE, """
                INSERT INTO wms.warehouses VALUES (1, 'BER', 'Berlin', 'EU', '2020-01-01');
                INSERT INTO wms.customers VALUES (1, 'Acme', 'retail', 'EU', now() - interval '90 days');
                INSERT INTO wms.products VALUES (1, 'SKU-1', 'Widget', 'tools', 2.00, 5.00, now() - interval '90 days');
                INSERT INTO wms.orders SELECT g, 1, 1, 'shipped', now() - g * interval '1 day',
                    now() - g * interval '1 day' + interval '2 days', now() - g * interval '1 day' + interval '20 hours', NULL
                    FROM generate_series(1, 40) g;
                INSERT INTO wms.order_lines SELECT g, 1, 1, 3, 5.00 FROM generate_series(1, 40) g;
                """);
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.replica().dataSource(PostgresPair.DATABASE));
        config.setMaximumPoolSize(3);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void a_group_refreshes_in_dependency_order_and_each_view_equals_its_query() {
        List<ReportOutcome> outcomes = refresh(selection().group("daily"));

        assertTrue(outcomes.stream().allMatch(ReportOutcome::succeeded), outcomes.toString());
        List<String> order = outcomes.stream().map(o -> o.view().qualified()).toList();
        assertEquals("analytics.daily_kpis", order.get(order.size() - 1), order.toString());
        for (ReportOutcome o : outcomes) {
            assertEquals(
                    0,
                    ReportContents.differences(pg.replica(), o.view().qualified()),
                    o.view().qualified() + " differs from its query");
        }
        assertEquals(
                Optional.of(40L),
                byName(outcomes).get("order_analytics.daily_orders").rows());
    }

    @Test
    void an_unpopulated_view_refreshes_plain_then_concurrently() {
        Report first = selection()
                .named(List.of("warehouse_analytics.location_utilization"))
                .get(0);
        if (first.populated()) {
            pg.replica()
                    .execute(
                            PostgresPair.DATABASE,
                            "REFRESH MATERIALIZED VIEW warehouse_analytics.location_utilization WITH NO DATA");
            first = selection()
                    .named(List.of("warehouse_analytics.location_utilization"))
                    .get(0);
        }
        assertEquals(RefreshMode.PLAIN, first.mode());
        assertEquals(RefreshMode.PLAIN, refresh(List.of(first)).get(0).mode());

        Report again = selection()
                .named(List.of("warehouse_analytics.location_utilization"))
                .get(0);
        assertEquals(RefreshMode.CONCURRENT, again.mode());
        assertEquals(Status.SUCCEEDED, refresh(List.of(again)).get(0).status());
    }

    @Test
    void a_failed_view_blocks_its_dependants_but_not_independent_views() throws Exception {
        try (Connection holder = pool.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE wms.orders IN ACCESS EXCLUSIVE MODE");

            Map<String, ReportOutcome> outcomes = byName(refresh(selection().group("daily")));

            holder.rollback();
            ReportOutcome failed = outcomes.get("order_analytics.daily_orders");
            assertEquals(Status.FAILED, failed.status());
            assertEquals(Optional.of("55P03"), failed.sqlstate(), "lock_timeout");
            assertEquals(Status.BLOCKED, outcomes.get("analytics.daily_kpis").status());
            assertEquals(
                    Optional.of("not refreshed because order_analytics.daily_orders failed"),
                    outcomes.get("analytics.daily_kpis").message());
            assertEquals(
                    Status.SUCCEEDED,
                    outcomes.get("inventory_analytics.stock_levels").status());
            assertEquals(
                    Status.SUCCEEDED,
                    outcomes.get("warehouse_analytics.daily_throughput").status());
        }
    }

    @Test
    void a_view_whose_advisory_lock_is_held_elsewhere_is_locked_and_not_refreshed() throws Exception {
        Report view = selection()
                .named(List.of("inventory_analytics.abc_classification"))
                .get(0);
        try (Connection other = pool.getConnection();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + ReportLock.CLASS + ", " + (int) view.oid() + ")");
            try {
                ReportOutcome outcome = refresh(List.of(view)).get(0);

                assertEquals(Status.LOCKED, outcome.status());
                assertEquals(
                        Optional.of("another refresh of inventory_analytics.abc_classification holds its lock"),
                        outcome.message());
            } finally {
                s.execute("SELECT pg_advisory_unlock_all()");
            }
        }
    }

    @Test
    void a_statement_timeout_fails_the_view_and_keeps_its_previous_contents() {
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "CREATE MATERIALIZED VIEW IF NOT EXISTS analytics.slow_report AS"
                                + " SELECT g AS id, clock_timestamp() AS computed_at FROM generate_series(1, 3) g, pg_sleep(0.5) s;"
                                + " CREATE UNIQUE INDEX IF NOT EXISTS slow_report_id ON analytics.slow_report (id)");
        String before = pg.replica()
                .queryValue(PostgresPair.DATABASE, "SELECT max(computed_at)::text FROM analytics.slow_report");
        RefreshSettings impatient =
                new RefreshSettings(1, Duration.ofMillis(100), Duration.ofSeconds(1), "UTC", false, false, 100);

        ReportOutcome outcome = new RefreshExecutor(pool, impatient, Clock.systemUTC())
                .execute(
                        RefreshPlan.of(selection().named(List.of("analytics.slow_report"))),
                        RefreshExecutor.Listener.NONE)
                .get(0);

        assertEquals(Status.FAILED, outcome.status());
        assertEquals(Optional.of("57014"), outcome.sqlstate());
        assertEquals(
                before,
                pg.replica()
                        .queryValue(PostgresPair.DATABASE, "SELECT max(computed_at)::text FROM analytics.slow_report"));
    }

    @Test
    void connections_go_back_to_the_pool_with_their_settings_reset() throws Exception {
        refresh(selection().group("weekly"));
        for (int i = 0; i < 3; i++) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),"
                                    + " pg_try_advisory_lock(1, 1), (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                    + "   AND classid = " + ReportLock.CLASS + ")")) {
                rs.next();
                assertEquals("0", rs.getString(1));
                assertEquals("0", rs.getString(2));
                assertEquals(0, rs.getInt(4), "no view lock left behind");
                s.execute("SELECT pg_advisory_unlock_all()");
            }
        }
    }

    private static List<ReportOutcome> refresh(List<Report> views) {
        return new RefreshExecutor(pool, SETTINGS, Clock.systemUTC())
                .execute(RefreshPlan.of(views), RefreshExecutor.Listener.NONE);
    }

    private static ReportSelection selection() {
        return new ReportSelection(new ReportCatalog(Servers.dsl(pool)));
    }

    private static Map<String, ReportOutcome> byName(List<ReportOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(o -> o.view().qualified(), Function.identity()));
    }
}
