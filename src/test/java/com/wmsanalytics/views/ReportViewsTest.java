package com.wmsanalytics.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.TestConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytics materialized views of the replica migrations, on a real PostgreSQL server.
 * Each test loads a small, hand-made data set into the replica's wms mirror (plain tables
 * on the replica), refreshes the views and checks values worked out by hand.
 */
class ReportViewsTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    /** Every report view with its natural key, in a valid refresh order. */
    private static final Map<String, List<String>> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put("order_analytics.daily_orders", List.of("order_date", "warehouse_id"));
        VIEWS.put("order_analytics.fulfillment_times", List.of("ship_date", "warehouse_id"));
        VIEWS.put("warehouse_analytics.daily_throughput", List.of("activity_date", "warehouse_id"));
        VIEWS.put("inventory_analytics.stock_levels", List.of("warehouse_id", "product_id"));
        VIEWS.put("analytics.daily_kpis", List.of("kpi_date"));
        VIEWS.put("order_analytics.weekly_orders", List.of("week_start", "warehouse_id"));
        VIEWS.put("order_analytics.weekly_trends", List.of("week_start", "warehouse_id"));
        VIEWS.put("inventory_analytics.pick_months", List.of("month_start", "warehouse_id", "product_id"));
        VIEWS.put("inventory_analytics.slow_movers", List.of("warehouse_id", "product_id"));
        VIEWS.put("warehouse_analytics.location_utilization", List.of("location_id"));
        VIEWS.put("customer_analytics.customer_months", List.of("month_start", "customer_id"));
        VIEWS.put("customer_analytics.customer_summary", List.of("customer_id"));
        VIEWS.put("customer_analytics.customer_span", List.of("customer_id"));
        VIEWS.put("inventory_analytics.monthly_movement_value", List.of("month_start", "warehouse_id", "category"));
        VIEWS.put("inventory_analytics.monthly_turnover", List.of("month_start", "warehouse_id", "category"));
        VIEWS.put("inventory_analytics.product_months", List.of("month_start", "product_id"));
        VIEWS.put("inventory_analytics.abc_classification", List.of("product_id"));
        VIEWS.put("customer_analytics.monthly_rfm", List.of("customer_id"));
    }

    /** Today in UTC, the session's zone, fixed once for the class (see {@link #dated}). */
    private static final java.time.LocalDate TODAY = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

    /** The report views that were populated right after the migrations ran. */
    private static final List<String> populatedAfterMigration = new ArrayList<>();

    private Connection db;

    @BeforeAll
    static void migrate() throws SQLException {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            app.migrate();
        }
        try (Connection c = pg.replica().dataSource(PostgresPair.DATABASE).getConnection()) {
            for (Map<String, Object> r : rows(
                    c, "SELECT schemaname || '.' || matviewname AS name" + " FROM pg_matviews WHERE ispopulated")) {
                populatedAfterMigration.add((String) r.get("name"));
            }
        }
    }

    @BeforeEach
    void connectAndEmptyTheMirror() throws SQLException {
        db = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
        exec("SET TIME ZONE 'UTC'");
        exec("TRUNCATE wms.warehouses, wms.locations, wms.products, wms.customers, wms.inventory,"
                + " wms.orders, wms.order_lines, wms.stock_movements, wms.shipments");
    }

    @AfterEach
    void disconnect() throws SQLException {
        db.close();
    }

    // ---------------------------------------------------------------------------------
    // Catalog: existence, ownership, keys, dependencies, privileges, mirror drift

    @Test
    void every_report_view_exists_unpopulated_owned_by_the_refresher_with_a_unique_index_on_its_natural_key()
            throws SQLException {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> r :
                rows("SELECT name FROM (SELECT schemaname || '.' || matviewname AS name FROM pg_matviews"
                        + " WHERE schemaname IN ('warehouse_analytics', 'inventory_analytics', 'order_analytics',"
                        + " 'customer_analytics', 'analytics') UNION ALL SELECT report_schema || '.' || report_name"
                        + " FROM analytics_control.incremental_report) r ORDER BY 1")) {
            found.add((String) r.get("name"));
        }
        assertEquals(VIEWS.keySet().stream().sorted().toList(), found);

        for (Map.Entry<String, List<String>> view : VIEWS.entrySet()) {
            String name = view.getKey();
            assertEquals(
                    "wms_analytics_user",
                    value("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = ?::regclass", name),
                    name);
            // A unique index usable by REFRESH ... CONCURRENTLY: valid, no predicate, plain columns.
            List<Map<String, Object>> keys = rows(
                    "SELECT (SELECT string_agg(a.attname, ',' ORDER BY k.ord)"
                            + "        FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)"
                            + "        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS cols"
                            + " FROM pg_index i WHERE i.indrelid = ?::regclass AND i.indisunique AND i.indisvalid"
                            + " AND i.indpred IS NULL AND i.indexprs IS NULL AND NOT (0 = ANY (i.indkey::int2[]))",
                    name);
            assertEquals(1, keys.size(), name + " has exactly one usable unique index");
            assertEquals(String.join(",", view.getValue()), keys.get(0).get("cols"), name);
            assertNotNull(value("SELECT obj_description(?::regclass, 'pg_class')", name), name + " has a comment");
        }
        assertEquals(
                List.of(
                        "inventory_analytics.abc_classification",
                        "inventory_analytics.monthly_turnover",
                        "inventory_analytics.slow_movers",
                        "order_analytics.weekly_trends"),
                populatedAfterMigration.stream().sorted().toList(),
                "every view a versioned migration makes is created WITH NO DATA; migrate fills a report it makes from"
                        + " its file (those now computed from a ledger, and monthly_turnover, which reads one that"
                        + " is rebuilt from its file)");
    }

    @Test
    void daily_kpis_definition_depends_on_its_three_input_reports_in_the_catalog() throws SQLException {
        Set<String> inputs = new HashSet<>();
        for (Map<String, Object> r : rows("SELECT DISTINCT d.refobjid::regclass::text AS input"
                + " FROM analytics_control.incremental_report k JOIN pg_depend d ON d.objid = k.definition"
                + " JOIN pg_class c ON c.oid = d.refobjid"
                + " WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_class'::regclass"
                + " AND c.relnamespace <> 'analytics_control'::regnamespace"
                + " AND k.report_schema = 'analytics' AND k.report_name = 'daily_kpis'")) {
            inputs.add((String) r.get("input"));
        }
        assertEquals(
                Set.of(
                        "order_analytics.daily_orders",
                        "order_analytics.fulfillment_times",
                        "warehouse_analytics.daily_throughput"),
                inputs);
    }

    @Test
    void bi_reader_can_read_every_report_but_not_the_wms_mirror() throws SQLException {
        for (String view : VIEWS.keySet()) {
            assertEquals(Boolean.TRUE, value("SELECT has_table_privilege('wms_bi_reader', ?, 'SELECT')", view), view);
            assertEquals(Boolean.FALSE, value("SELECT has_table_privilege('wms_bi_reader', ?, 'INSERT')", view), view);
        }
        assertEquals(Boolean.FALSE, value("SELECT has_schema_privilege('wms_bi_reader', 'wms', 'USAGE')"));
        assertEquals(Boolean.TRUE, value("SELECT has_table_privilege('wms_analytics_user', 'wms.orders', 'SELECT')"));
        assertEquals(
                Boolean.FALSE,
                value("SELECT bool_or(rolcanlogin) FROM pg_roles"
                        + " WHERE rolname IN ('wms_analytics_user', 'wms_bi_reader')"));

        loadGeneratedWorkload();
        refreshAll(false);
        exec("SET ROLE wms_bi_reader");
        try {
            assertTrue(((Number) value("SELECT count(*) FROM analytics.daily_kpis")).longValue() > 0);
            SQLException denied = assertThrows(SQLException.class, () -> value("SELECT count(*) FROM wms.orders"));
            assertEquals("42501", denied.getSQLState());
        } finally {
            exec("RESET ROLE");
        }
    }

    @Test
    void the_refresher_role_can_refresh_every_view_plainly_and_concurrently() throws SQLException {
        loadGeneratedWorkload();
        exec("SET ROLE wms_analytics_user");
        try {
            refreshAll(false);
            refreshAll(true);
            assertTrue(((Number) value("SELECT count(*) FROM analytics.daily_kpis")).longValue() > 0);
        } finally {
            exec("RESET ROLE");
        }
    }

    @Test
    void wms_mirror_matches_the_primary_column_for_column_and_adds_only_the_capture_columns_with_their_default()
            throws SQLException {
        Migrator.migratePrimary("wms", pg.primary().dataSource(PostgresPair.DATABASE));
        String columns = "SELECT c.relname || '.' || a.attnum || '.' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END AS col"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relnamespace = 'wms'::regnamespace AND c.relkind = 'r' AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY 1";
        String primaryKeys = "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS pk"
                + " FROM pg_constraint WHERE connamespace = 'wms'::regnamespace AND contype = 'p' ORDER BY 1";
        List<Map<String, Object>> capture = List.of(
                Map.of("col", "order_lines.6.applied_xid bigint"),
                Map.of("col", "orders.9.applied_xid bigint"),
                Map.of("col", "shipments.8.applied_xid bigint"),
                Map.of("col", "stock_movements.8.applied_xid bigint"));
        try (Connection primary = pg.primary().dataSource(PostgresPair.DATABASE).getConnection()) {
            List<Map<String, Object>> primaryColumns = rows(primary, columns);
            assertEquals(54, primaryColumns.size(), "columns of the primary's wms schema");
            List<Map<String, Object>> mirrorColumns = rows(columns);
            assertEquals(
                    capture,
                    mirrorColumns.stream()
                            .filter(c -> !primaryColumns.contains(c))
                            .toList(),
                    "the mirror's only extra columns: the swept sources' applied_xid");
            assertEquals(
                    primaryColumns,
                    mirrorColumns.stream().filter(c -> !capture.contains(c)).toList());
            assertEquals(9, rows(primary, primaryKeys).size());
            assertEquals(rows(primary, primaryKeys), rows(primaryKeys));
        }
        assertEquals(
                0L,
                value("SELECT count(*) FROM pg_constraint WHERE connamespace = 'wms'::regnamespace"
                        + " AND contype <> 'p'"),
                "no foreign keys, checks or unique constraints on the mirror");
        assertEquals(
                "order_lines.applied_xid txid_current(),"
                        + " orders.applied_xid txid_current(),"
                        + " shipments.applied_xid txid_current(),"
                        + " stock_movements.applied_xid txid_current()",
                value(
                        "SELECT string_agg(c.relname || '.' || a.attname || ' ' || pg_get_expr(d.adbin, d.adrelid), ', ' ORDER BY c.relname)"
                                + " FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid"
                                + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                                + " WHERE c.relnamespace = 'wms'::regnamespace"),
                "the only defaults on the mirror");
    }

    // ---------------------------------------------------------------------------------
    // Every view against its own definition, on a generated workload

    @Test
    void every_view_equals_its_defining_query_after_a_refresh() throws SQLException {
        loadGeneratedWorkload();
        refreshAll(false);
        for (String view : VIEWS.keySet()) {
            assertTrue(((Number) value("SELECT count(*) FROM " + view)).longValue() > 0, view + " has rows");
            assertEquals(0L, differenceFromDefinition(view), view + " equals its defining query");
            String keyIsNull = String.join(" IS NULL OR ", VIEWS.get(view)) + " IS NULL";
            assertEquals(0L, value("SELECT count(*) FROM " + view + " WHERE " + keyIsNull), view + " key never NULL");
        }
    }

    @Test
    void every_view_refreshes_concurrently_after_the_first_plain_refresh() throws SQLException {
        loadGeneratedWorkload();
        refreshAll(false);
        Object ordersBefore = value("SELECT sum(orders) FROM analytics.daily_kpis");
        // New orders, picks and stock arrive after the first refresh.
        exec(
                "INSERT INTO wms.orders SELECT 9000 + g, 1, 1, 'shipped', current_date - 2 + time '09:00',"
                        + " current_date - 1 + time '09:00', current_date - 2 + time '15:00', NULL FROM generate_series(1, 5) g");
        exec("INSERT INTO wms.order_lines SELECT 9000 + g, 1, 1, 2, 9.99 FROM generate_series(1, 5) g");
        exec("INSERT INTO wms.stock_movements SELECT 990000 + g, 'pick', 1, 3, -2, 9000 + g,"
                + " current_date - 2 + time '14:00' FROM generate_series(1, 5) g");
        exec("UPDATE wms.inventory SET qty_on_hand = qty_on_hand + 7 WHERE location_id = 4");
        refreshAll(true);
        for (String view : VIEWS.keySet()) {
            assertEquals(0L, differenceFromDefinition(view), view + " equals its defining query");
        }
        assertEquals(
                0,
                new BigDecimal(ordersBefore.toString())
                        .add(BigDecimal.valueOf(5))
                        .compareTo(new BigDecimal(value("SELECT sum(orders) FROM analytics.daily_kpis")
                                .toString())));
    }

    // ---------------------------------------------------------------------------------
    // Daily reports

    @Test
    void daily_orders_counts_revenue_of_non_cancelled_orders_and_the_cancellation_rate() throws SQLException {
        exec("""
                INSERT INTO wms.orders VALUES
                  (1, 1, 1, 'shipped',   current_date - 2 + time '08:00', current_date, current_date - 1 + time '08:00', NULL),
                  (2, 1, 1, 'open',      current_date - 2 + time '09:00', current_date, NULL, NULL),
                  (3, 1, 1, 'cancelled', current_date - 2 + time '10:00', current_date, NULL, current_date - 2 + time '11:00'),
                  (4, 1, 1, 'cancelled', current_date - 2 + time '23:59', current_date, NULL, current_date - 1 + time '11:00'),
                  (5, 1, 2, 'shipped',   current_date - 2 + time '08:00', current_date, current_date - 1 + time '08:00', NULL),
                  (6, 1, 1, 'open',      current_date - 1 + time '00:00', current_date, NULL, NULL);
                INSERT INTO wms.order_lines VALUES
                  (1, 1, 1, 2, 10.00), (1, 2, 2, 1, 5.00),
                  (2, 1, 2, 4, 5.00),
                  (3, 1, 1, 10, 10.00),
                  (4, 1, 2, 1, 5.00),
                  (5, 1, 1, 1, 10.00),
                  (6, 1, 1, 1, 10.00);
                """);
        refreshAll(false);

        Map<String, Object> day = row("SELECT * FROM order_analytics.daily_orders"
                + " WHERE order_date = current_date - 2 AND warehouse_id = 1");
        assertNum(4, day.get("orders"));
        assertNum(2, day.get("cancelled_orders"));
        assertNum(2, day.get("net_orders"));
        assertNum(3, day.get("order_lines"));
        assertNum(7, day.get("units"));
        assertNum("45.00", day.get("revenue"));
        assertNum("0.5", day.get("cancellation_rate"));
        assertNum("22.50", day.get("avg_order_value"));

        Map<String, Object> other = row("SELECT * FROM order_analytics.daily_orders"
                + " WHERE order_date = current_date - 2 AND warehouse_id = 2");
        assertNum(1, other.get("orders"));
        assertNum("0", other.get("cancellation_rate"));
        assertEquals(3L, value("SELECT count(*) FROM order_analytics.daily_orders"), "one row per day and warehouse");
    }

    @Test
    void fulfillment_times_report_p50_and_p90_hours_and_the_on_time_rate_of_shipped_orders() throws SQLException {
        // Five orders shipped on the same day after 10, 20, 30, 40 and 50 hours; promised
        // 36 hours after creation, so the first three are on time.
        exec("""
                INSERT INTO wms.orders
                SELECT h, 1, 1, CASE WHEN h = 20 THEN 'delivered' ELSE 'shipped' END,
                       current_date - 5 + time '20:00' - h * interval '1 hour',
                       current_date - 5 + time '20:00' - h * interval '1 hour' + interval '36 hours',
                       current_date - 5 + time '20:00', NULL
                FROM unnest(ARRAY[10, 20, 30, 40, 50]) h;
                -- Neither a cancelled order with a ship time nor an open order counts.
                INSERT INTO wms.orders VALUES
                  (100, 1, 1, 'cancelled', current_date - 9, current_date - 8, current_date - 5 + time '20:00', current_date - 5),
                  (101, 1, 1, 'open', current_date - 9, current_date - 8, NULL, NULL);
                """);
        refreshAll(false);

        Map<String, Object> r = row("SELECT * FROM order_analytics.fulfillment_times"
                + " WHERE ship_date = current_date - 5 AND warehouse_id = 1");
        assertNum(5, r.get("shipped_orders"));
        assertNum("30", r.get("p50_hours"));
        assertNum("46", r.get("p90_hours")); // 40 + 0.6 * (50 - 40), percentile_cont interpolates
        assertNum("30", r.get("avg_hours"));
        assertNum("50", r.get("max_hours"));
        assertNum(3, r.get("on_time_orders"));
        assertNum(2, r.get("late_orders"));
        assertNum("0.6", r.get("on_time_rate"));
        assertEquals(1L, value("SELECT count(*) FROM order_analytics.fulfillment_times"));
    }

    @Test
    void daily_throughput_sums_movements_by_type_per_warehouse_and_counts_shipments() throws SQLException {
        exec("""
                INSERT INTO wms.locations VALUES
                  (11, 1, 'A-01', 'pick', 100), (12, 1, 'A-02', 'reserve', 100), (21, 2, 'B-01', 'pick', 100);
                INSERT INTO wms.stock_movements VALUES
                  (1, 'receipt',    1, 11, 100, NULL, current_date - 1 + time '06:00'),
                  (2, 'pick',       1, 11,  -7,    1, current_date - 1 + time '09:00'),
                  (3, 'pick',       2, 12,  -3,    2, current_date - 1 + time '09:30'),
                  (4, 'return',     2, 12,   2, NULL, current_date - 1 + time '10:00'),
                  (5, 'adjustment', 1, 11,  -4, NULL, current_date - 1 + time '11:00'),
                  (6, 'adjustment', 2, 12,   1, NULL, current_date - 1 + time '11:30'),
                  (7, 'transfer',   1, 11, -20, NULL, current_date - 1 + time '12:00'),
                  (8, 'transfer',   1, 12,  20, NULL, current_date - 1 + time '12:00'),
                  (9, 'transfer',   1, 11,  -5, NULL, current_date - 1 + time '13:00'),
                  (10, 'transfer',  1, 21,   5, NULL, current_date - 1 + time '13:00'),
                  (11, 'pick',      1, 11,  -1,    3, current_date - 3 + time '13:00');
                INSERT INTO wms.shipments VALUES
                  (1, 1, 1, 'dhl', current_date - 1 + time '16:00', NULL, 2.50),
                  (2, 2, 1, 'ups', current_date - 1 + time '17:00', NULL, 1.25),
                  (3, 3, 2, 'dhl', current_date - 2 + time '17:00', NULL, 4.00);
                """);
        refreshAll(false);

        Map<String, Object> wh1 = row("SELECT * FROM warehouse_analytics.daily_throughput"
                + " WHERE activity_date = current_date - 1 AND warehouse_id = 1");
        assertNum(100, wh1.get("units_received"));
        assertNum(10, wh1.get("units_picked"));
        assertNum(2, wh1.get("units_returned"));
        assertNum(-3, wh1.get("units_adjusted"));
        assertNum(20, wh1.get("units_transferred"));
        assertNum(9, wh1.get("movements"));
        assertNum(2, wh1.get("shipments"));
        assertNum("3.75", wh1.get("shipped_weight_kg"));

        Map<String, Object> wh2 = row("SELECT * FROM warehouse_analytics.daily_throughput"
                + " WHERE activity_date = current_date - 1 AND warehouse_id = 2");
        assertNum(5, wh2.get("units_transferred"));
        assertNum(1, wh2.get("movements"));
        assertNum(0, wh2.get("shipments"));

        // A day with shipments and no movements still has its row.
        Map<String, Object> shipOnly = row("SELECT * FROM warehouse_analytics.daily_throughput"
                + " WHERE activity_date = current_date - 2 AND warehouse_id = 2");
        assertNum(1, shipOnly.get("shipments"));
        assertNum(0, shipOnly.get("movements"));
        assertEquals(4L, value("SELECT count(*) FROM warehouse_analytics.daily_throughput"));
    }

    @Test
    void stock_levels_days_of_cover_is_available_stock_over_average_daily_picks_of_28_days() throws SQLException {
        exec("""
                INSERT INTO wms.locations VALUES (11, 1, 'A-01', 'pick', 1000), (12, 1, 'A-02', 'reserve', 1000);
                INSERT INTO wms.products
                SELECT p, 'SKU-' || p, 'Product ' || p, 'tools', 2.50, 4.00, now() FROM generate_series(1, 6) p;
                INSERT INTO wms.inventory VALUES
                  (11, 1,  60, 10, now()), (12, 1, 40, 6, now()),
                  (11, 2,  10,  0, now()),
                  (11, 3, 500,  0, now()),
                  (11, 4,  30,  0, now()),
                  (11, 5,   5,  5, now());
                INSERT INTO wms.stock_movements VALUES
                  -- product 1: 56 units in the 28 full days before today, 2 a day
                  (1, 'pick', 1, 11,   -20, NULL, current_date - 28 + time '00:00'),
                  (2, 'pick', 1, 12,   -36, NULL, current_date - 1 + time '23:00'),
                  -- outside the window: 29 days ago, and today (not a full day yet)
                  (3, 'pick', 1, 11, -1000, NULL, current_date - 29 + time '12:00'),
                  (4, 'pick', 1, 11,  -500, NULL, current_date + time '00:30'),
                  -- receipts are not demand
                  (5, 'receipt', 1, 11, 900, NULL, current_date - 3 + time '12:00'),
                  (6, 'pick', 2, 11, -56, NULL, current_date - 10 + time '12:00'),
                  (7, 'pick', 3, 11, -28, NULL, current_date - 10 + time '12:00'),
                  (8, 'pick', 5, 11, -28, NULL, current_date - 10 + time '12:00'),
                  (9, 'pick', 6, 11, -14, NULL, current_date - 10 + time '12:00');
                """);
        refreshAll(false);

        Map<String, Object> p1 = stockLevel(1);
        assertNum(100, p1.get("qty_on_hand"));
        assertNum(16, p1.get("qty_reserved"));
        assertNum(84, p1.get("qty_available"));
        assertNum(56, p1.get("units_picked_28d"));
        assertNum("2.00", p1.get("avg_daily_units_picked"));
        assertNum("42.0", p1.get("days_of_cover"));
        assertEquals("ok", p1.get("stock_status"));
        assertNum("250.00", p1.get("stock_value"));

        assertNum("5.0", stockLevel(2).get("days_of_cover"));
        assertEquals("low", stockLevel(2).get("stock_status"));
        assertNum("500.0", stockLevel(3).get("days_of_cover"));
        assertEquals("overstock", stockLevel(3).get("stock_status"));
        assertNull(stockLevel(4).get("days_of_cover"), "no demand, no cover");
        assertEquals("no_demand", stockLevel(4).get("stock_status"));
        assertEquals("out_of_stock", stockLevel(5).get("stock_status"));
        // Picked in the window but no inventory row left: still reported, out of stock.
        assertNum(0, stockLevel(6).get("qty_on_hand"));
        assertEquals("out_of_stock", stockLevel(6).get("stock_status"));
    }

    @Test
    void daily_kpis_weighs_rates_by_volume_across_warehouses() throws SQLException {
        exec("""
                INSERT INTO wms.locations VALUES (11, 1, 'A-01', 'pick', 100), (21, 2, 'B-01', 'pick', 100);
                -- Placed on day D = current_date - 3: three in warehouse 1 (one cancelled), one cancelled in 2.
                INSERT INTO wms.orders VALUES
                  (1, 1, 1, 'open',      current_date - 3 + time '08:00', current_date, NULL, NULL),
                  (2, 1, 1, 'open',      current_date - 3 + time '09:00', current_date, NULL, NULL),
                  (3, 1, 1, 'cancelled', current_date - 3 + time '10:00', current_date, NULL, current_date - 3 + time '11:00'),
                  (4, 1, 2, 'cancelled', current_date - 3 + time '10:00', current_date, NULL, current_date - 3 + time '11:00');
                INSERT INTO wms.order_lines VALUES (1, 1, 1, 1, 10.00), (2, 1, 1, 1, 10.00), (3, 1, 1, 1, 99.00), (4, 1, 1, 1, 99.00);
                -- Shipped on day D, placed the days before: four by warehouse 1 after 10 hours (three
                -- on time), one by warehouse 2 after 50 hours (late).
                INSERT INTO wms.orders
                SELECT 10 + g, 1, 1, 'shipped', current_date - 3 + time '08:00' - interval '10 hours',
                       CASE WHEN g <= 3 THEN current_date - 2 ELSE current_date - 3 END,
                       current_date - 3 + time '08:00', NULL
                FROM generate_series(1, 4) g;
                INSERT INTO wms.orders VALUES
                  (20, 1, 2, 'shipped', current_date - 3 + time '08:00' - interval '50 hours',
                   current_date - 4, current_date - 3 + time '08:00', NULL);
                INSERT INTO wms.stock_movements VALUES
                  (1, 'pick',    1, 11, -6, NULL, current_date - 3 + time '12:00'),
                  (2, 'pick',    1, 21, -4, NULL, current_date - 3 + time '12:00'),
                  (3, 'receipt', 1, 21, 50, NULL, current_date - 3 + time '07:00');
                INSERT INTO wms.shipments VALUES
                  (1, 11, 1, 'dhl', current_date - 3 + time '08:00', NULL, 1),
                  (2, 20, 2, 'dhl', current_date - 3 + time '08:00', NULL, 1);
                """);
        refreshAll(false);

        Map<String, Object> kpi = row("SELECT * FROM analytics.daily_kpis WHERE kpi_date = current_date - 3");
        assertNum(4, kpi.get("orders"));
        assertNum("20.00", kpi.get("revenue"));
        assertNum("10.00", kpi.get("avg_order_value"));
        assertNum("0.5", kpi.get("cancellation_rate"));
        assertNum(5, kpi.get("shipped_orders"));
        assertNum("0.6", kpi.get("on_time_rate")); // 3 of 5, not the mean of 0.75 and 0
        assertNum("50", kpi.get("p90_fulfillment_hours_max"));
        assertNum("18", kpi.get("p90_fulfillment_hours_weighted")); // (10 * 4 + 50 * 1) / 5
        assertNum(10, kpi.get("units_picked"));
        assertNum(50, kpi.get("units_received"));
        assertNum(2, kpi.get("shipments"));
    }

    // ---------------------------------------------------------------------------------
    // Weekly reports

    @Test
    void weekly_trends_growth_is_the_ratio_to_the_previous_calendar_week() throws SQLException {
        // Warehouse 1: 4 orders worth 100 three weeks ago, 5 worth 150 two weeks ago, none last
        // week, 2 this week.
        exec("""
                CREATE TEMP TABLE wk AS SELECT date_trunc('week', current_date)::date AS monday;
                INSERT INTO wms.orders
                SELECT id, 1, 1, 'shipped', monday - weeks_ago * 7 + time '08:00' + id * interval '1 minute',
                       monday + 30, NULL, NULL
                FROM wk, (VALUES (1, 3), (2, 3), (3, 3), (4, 3),
                                 (5, 2), (6, 2), (7, 2), (8, 2), (9, 2),
                                 (10, 0), (11, 0)) o(id, weeks_ago);
                INSERT INTO wms.order_lines
                SELECT id, 1, 1, 1, CASE WHEN id <= 4 THEN 25.00 ELSE 30.00 END FROM generate_series(1, 11) id;
                -- A cancelled order counts as an order but brings no revenue.
                INSERT INTO wms.orders SELECT 12, 1, 2, 'cancelled', monday - 14 + time '08:00', monday, NULL, monday - 14 FROM wk;
                INSERT INTO wms.order_lines VALUES (12, 1, 1, 1, 500.00);
                """);
        refreshAll(false);

        List<Map<String, Object>> weeks = rows("SELECT t.*, (wk.monday - t.week_start) / 7 AS weeks_ago"
                + " FROM order_analytics.weekly_trends t, wk WHERE warehouse_id = 1 ORDER BY week_start");
        assertEquals(4, weeks.size(), "weeks without orders are kept");
        Map<String, Object> first = weeks.get(0);
        assertNum(3, first.get("weeks_ago"));
        assertNum(4, first.get("orders"));
        assertNum("100.00", first.get("revenue"));
        assertNull(first.get("orders_wow_growth"), "no previous week");
        assertNull(first.get("revenue_wow_growth"));

        Map<String, Object> second = weeks.get(1);
        assertNum(5, second.get("orders"));
        assertNum("150.00", second.get("revenue"));
        assertNum("0.25", second.get("orders_wow_growth"));
        assertNum("0.5", second.get("revenue_wow_growth"));
        assertEquals(Boolean.TRUE, second.get("week_complete"));

        Map<String, Object> empty = weeks.get(2);
        assertNum(0, empty.get("orders"));
        assertNum("-1", empty.get("orders_wow_growth"));

        Map<String, Object> current = weeks.get(3);
        assertNum(2, current.get("orders"));
        assertNull(current.get("orders_wow_growth"), "growth from zero is undefined");
        assertEquals(Boolean.FALSE, current.get("week_complete"));

        Map<String, Object> wh2 = row(
                "SELECT * FROM order_analytics.weekly_trends WHERE warehouse_id = 2" + " ORDER BY week_start LIMIT 1");
        assertNum(1, wh2.get("orders"));
        assertNum(1, wh2.get("cancelled_orders"));
        assertNum("0", wh2.get("revenue"));
    }

    @Test
    void slow_movers_lists_stock_not_picked_for_30_days_or_with_over_a_year_of_stock() throws SQLException {
        exec("""
                INSERT INTO wms.locations VALUES (11, 1, 'A-01', 'pick', 5000), (21, 2, 'B-01', 'pick', 5000);
                INSERT INTO wms.products
                SELECT p, 'SKU-' || p, 'Product ' || p, 'toys', 3.00, 5.00, now() FROM generate_series(1, 5) p;
                INSERT INTO wms.inventory VALUES
                  (11, 1, 50, 0, now()), (11, 2, 20, 0, now()), (11, 3, 100, 0, now()),
                  (11, 4, 1000, 0, now()), (11, 5, 0, 0, now());
                INSERT INTO wms.stock_movements VALUES
                  (1, 'pick', 1, 11,  -5, NULL, current_date - 45 + time '10:00'),
                  (2, 'pick', 1, 21,  -1, NULL, current_date - 1 + time '10:00'),   -- other warehouse
                  (3, 'pick', 3, 11, -30, NULL, current_date - 2 + time '10:00'),   -- 300 days of stock
                  (4, 'pick', 4, 11, -10, NULL, current_date - 3 + time '10:00'),   -- 9000 days of stock
                  (5, 'pick', 4, 11, -99, NULL, current_date - 120 + time '10:00'); -- before the 90 days
                """);
        refreshAll(false);

        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT warehouse_id || '/' || product_id AS k, reason"
                + " FROM inventory_analytics.slow_movers ORDER BY warehouse_id, product_id")) {
            reasons.put((String) r.get("k"), (String) r.get("reason"));
        }
        assertEquals(Map.of("1/1", "no_pick_30d", "1/2", "never_picked", "1/4", "low_velocity"), reasons);

        Map<String, Object> p1 = row("SELECT * FROM inventory_analytics.slow_movers WHERE product_id = 1");
        assertNum(45, p1.get("days_since_last_pick"));
        assertNum(5, p1.get("units_picked_90d"));
        assertNum("150.00", p1.get("stock_value"));
        assertNull(row("SELECT * FROM inventory_analytics.slow_movers WHERE product_id = 2")
                .get("days_since_last_pick"));
        Map<String, Object> p4 = row("SELECT * FROM inventory_analytics.slow_movers WHERE product_id = 4");
        assertNum(10, p4.get("units_picked_90d"));
        assertNum(9000, p4.get("days_of_stock_90d"));
    }

    @Test
    void location_utilization_bands_locations_by_units_stored_over_capacity() throws SQLException {
        exec("""
                INSERT INTO wms.locations SELECT l, 1, 'L-' || l, 'pick', 100 FROM generate_series(1, 8) l;
                INSERT INTO wms.inventory VALUES
                  (2, 1, 30, 0, now()),
                  (3, 1, 20, 0, now()), (3, 2, 30, 0, now()),
                  (4, 1, 85, 0, now()),
                  (5, 1, 86, 0, now()),
                  (6, 1, 100, 0, now()),
                  (7, 1, 120, 0, now()),
                  (8, 1, 0, 0, now());
                """);
        refreshAll(false);

        Map<Integer, String> bands = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT location_id, utilization_band"
                + " FROM warehouse_analytics.location_utilization ORDER BY location_id")) {
            bands.put((Integer) r.get("location_id"), (String) r.get("utilization_band"));
        }
        assertEquals(
                Map.of(
                        1,
                        "empty",
                        2,
                        "<50%",
                        3,
                        "50-85%",
                        4,
                        "50-85%",
                        5,
                        ">85%",
                        6,
                        ">85%",
                        7,
                        "over capacity",
                        8,
                        "empty"),
                bands);
        Map<String, Object> l3 = row("SELECT * FROM warehouse_analytics.location_utilization WHERE location_id = 3");
        assertNum(50, l3.get("units_stored"));
        assertNum(2, l3.get("products_stored"));
        assertNum("50.0", l3.get("utilization_pct"));
        assertNum(
                "120.0",
                row("SELECT * FROM warehouse_analytics.location_utilization WHERE location_id = 7")
                        .get("utilization_pct"));
    }

    @Test
    void customer_summary_reports_revenue_cancellation_and_on_time_rates_per_customer() throws SQLException {
        exec("""
                INSERT INTO wms.customers VALUES
                  (1, 'Acme', 'wholesale', 'north', now()), (2, 'Idle Ltd', 'retail', 'south', now());
                INSERT INTO wms.orders VALUES
                  (1, 1, 1, 'delivered', current_date - 40 + time '08:00', current_date - 38, current_date - 39, NULL),
                  (2, 1, 1, 'shipped',   current_date - 30 + time '08:00', current_date - 29, current_date - 28, NULL),
                  (3, 1, 1, 'cancelled', current_date - 20 + time '08:00', current_date - 18, NULL, current_date - 19),
                  (4, 1, 1, 'open',      current_date - 10 + time '08:00', current_date - 8, NULL, NULL);
                INSERT INTO wms.order_lines VALUES
                  (1, 1, 1, 2, 50.00), (2, 1, 1, 1, 50.00), (3, 1, 1, 3, 10.00), (4, 1, 1, 2, 10.00);
                """);
        refreshAll(false);

        Map<String, Object> acme = row("SELECT * FROM customer_analytics.customer_summary WHERE customer_id = 1");
        assertEquals("wholesale", acme.get("segment"));
        assertNum(4, acme.get("orders"));
        assertNum(1, acme.get("cancelled_orders"));
        assertNum("170.00", acme.get("revenue"));
        assertNum("56.67", acme.get("avg_order_value"));
        assertNum("0.25", acme.get("cancellation_rate"));
        assertNum("0.5", acme.get("on_time_rate"));
        assertNum(10, acme.get("days_since_last_order"));
        assertEquals(localDate(40), acme.get("first_order_date").toString());

        Map<String, Object> idle = row("SELECT * FROM customer_analytics.customer_summary WHERE customer_id = 2");
        assertNum(0, idle.get("orders"));
        assertNum("0", idle.get("revenue"));
        assertNull(idle.get("cancellation_rate"));
        assertNull(idle.get("days_since_last_order"));
    }

    // ---------------------------------------------------------------------------------
    // Monthly reports

    @Test
    void monthly_turnover_divides_cost_of_goods_picked_by_average_inventory_value() throws SQLException {
        exec("""
                INSERT INTO wms.locations VALUES (11, 1, 'A-01', 'bulk', 1000);
                INSERT INTO wms.products VALUES
                  (1, 'T-1', 'Hammer', 'tools', 2.00, 5.00, now()),
                  (2, 'F-1', 'Flour', 'food', 1.00, 2.00, now());
                CREATE TEMP TABLE m AS SELECT date_trunc('month', current_date::timestamp)::date AS this_month;
                INSERT INTO wms.stock_movements
                SELECT * FROM (VALUES
                  -- two months ago: 100 hammers received
                  (1, 'receipt', 1, 11, 100, NULL::bigint, (SELECT this_month FROM m) - interval '2 months' + interval '4 days 12 hours'),
                  -- last month: 50 picked, 10 flour received
                  (2, 'pick',    1, 11, -50, NULL,         (SELECT this_month FROM m) - interval '1 month' + interval '9 days 12 hours'),
                  (3, 'receipt', 2, 11,  10, NULL,         (SELECT this_month FROM m) - interval '1 month' + interval '9 days 12 hours'),
                  -- this month, not reported yet, but undone to find last month's closing stock
                  (4, 'receipt', 1, 11,  10, NULL,         (SELECT this_month FROM m) + interval '0 hours')) v;
                INSERT INTO wms.inventory VALUES (11, 1, 60, 0, now()), (11, 2, 10, 0, now());
                """);
        refreshAll(false);

        List<Map<String, Object>> tools = rows("SELECT * FROM inventory_analytics.monthly_turnover"
                + " WHERE warehouse_id = 1 AND category = 'tools' ORDER BY month_start");
        assertEquals(2, tools.size(), "complete months only");
        Map<String, Object> received = tools.get(0);
        assertNum("0", received.get("opening_inventory_value"));
        assertNum("200", received.get("closing_inventory_value"));
        assertNum("0", received.get("cogs"));
        assertNum("0", received.get("inventory_turnover"));
        assertNull(received.get("days_of_inventory"), "nothing picked");

        Map<String, Object> picked = tools.get(1);
        int daysInLastMonth = YearMonth.from(today()).minusMonths(1).lengthOfMonth();
        assertEquals(
                today().withDayOfMonth(1).minusMonths(1).toString(),
                picked.get("month_start").toString());
        assertNum(50, picked.get("units_picked"));
        assertNum("100.00", picked.get("cogs"));
        assertNum("200", picked.get("opening_inventory_value"));
        assertNum("100", picked.get("closing_inventory_value"));
        assertNum("150", picked.get("avg_inventory_value"));
        assertNum("0.67", picked.get("inventory_turnover"));
        assertNum(daysInLastMonth, picked.get("days_in_month"));
        assertNum(
                new BigDecimal(daysInLastMonth).multiply(new BigDecimal("1.5")).toPlainString(),
                picked.get("days_of_inventory"));

        Map<String, Object> food = row("SELECT * FROM inventory_analytics.monthly_turnover WHERE category = 'food'");
        assertNum("10", food.get("closing_inventory_value"));
        assertNum("5", food.get("avg_inventory_value"));
    }

    @Test
    void abc_class_a_holds_the_products_making_80_percent_of_revenue_and_tiny_sellers_are_c() throws SQLException {
        exec("""
                INSERT INTO wms.products
                SELECT p, 'SKU-' || p, 'Product ' || p, 'garden', 1.00, 1.00, now() FROM generate_series(1, 5) p;
                INSERT INTO wms.orders VALUES
                  (1, 1, 1, 'delivered', current_date - 30, current_date, NULL, NULL),
                  (2, 1, 1, 'cancelled', current_date - 30, current_date, NULL, current_date - 29),
                  (3, 1, 1, 'delivered', current_date - 400, current_date - 399, NULL, NULL);
                INSERT INTO wms.order_lines VALUES
                  (1, 1, 1, 85, 10.00),   -- 850, 85 % of the year's revenue
                  (1, 2, 2, 10, 10.00),   -- 100
                  (1, 3, 3, 4, 10.00),    --  40
                  (1, 4, 4, 1, 10.00),    --  10
                  (2, 1, 4, 1000, 10.00), -- cancelled
                  (3, 1, 5, 1000, 10.00); -- older than 365 days
                """);
        refreshAll(false);

        Map<Integer, String> classes = new LinkedHashMap<>();
        for (Map<String, Object> r : rows("SELECT product_id, abc_class FROM inventory_analytics.abc_classification")) {
            classes.put((Integer) r.get("product_id"), (String) r.get("abc_class"));
        }
        assertEquals(Map.of(1, "A", 2, "B", 3, "C", 4, "C", 5, "C"), classes);

        Map<String, Object> top = row("SELECT * FROM inventory_analytics.abc_classification WHERE product_id = 1");
        assertNum("850.00", top.get("revenue"));
        assertNum("0.85", top.get("revenue_share"));
        assertNum(1, top.get("revenue_rank"));
        assertNum(
                "0.95",
                row("SELECT * FROM inventory_analytics.abc_classification WHERE product_id = 2")
                        .get("cumulative_share"));
        assertNum(
                "0",
                row("SELECT * FROM inventory_analytics.abc_classification WHERE product_id = 5")
                        .get("revenue"));
    }

    @Test
    void rfm_scores_are_quintiles_and_the_top_spender_scores_5_on_monetary() throws SQLException {
        // Customer i (1..10) ordered i times in the last year, last (11 - i) * 10 days ago, each
        // order worth 10 * i; so recency, frequency and monetary all grow with i. Customer 11
        // last ordered 400 days ago. Customer 1 also has a large cancelled order.
        exec("""
                INSERT INTO wms.customers SELECT c, 'C' || c, 'retail', 'north', now() FROM generate_series(1, 11) c;
                INSERT INTO wms.orders
                SELECT c * 100 + k, c, 1, 'delivered',
                       current_date - ((11 - c) * 10 + 20 * k) + time '10:00', current_date, NULL, NULL
                FROM generate_series(1, 10) c, generate_series(0, 9) k WHERE k < c;
                INSERT INTO wms.orders VALUES
                  (1100, 11, 1, 'delivered', current_date - 400, current_date - 399, NULL, NULL),
                  (1, 1, 1, 'cancelled', current_date - 5, current_date, NULL, current_date - 4);
                INSERT INTO wms.order_lines SELECT order_id, 1, 1, 1, 10 * customer_id FROM wms.orders;
                UPDATE wms.order_lines SET quantity = 1000 WHERE order_id = 1;
                """);
        refreshAll(false);

        List<Map<String, Object>> all = rows("SELECT * FROM customer_analytics.monthly_rfm ORDER BY customer_id");
        assertEquals(11, all.size());
        for (Map<String, Object> r : all) {
            for (String score : List.of("r_score", "f_score", "m_score")) {
                int s = (Integer) r.get(score);
                assertTrue(s >= 1 && s <= 5, score + " in 1..5: " + r);
            }
            assertEquals("" + r.get("r_score") + r.get("f_score") + r.get("m_score"), r.get("rfm_score"));
        }
        Map<String, Object> top = all.get(9);
        assertNum(10, top.get("customer_id"));
        assertNum(5, top.get("m_score"));
        assertEquals("555", top.get("rfm_score"));
        assertEquals("champions", top.get("rfm_segment"));
        assertNum(10, top.get("recency_days"));
        assertNum(10, top.get("frequency"));
        assertNum("1000", top.get("monetary"));

        Map<String, Object> first = all.get(0);
        assertEquals("111", first.get("rfm_score"), "the cancelled order neither refreshes nor enriches customer 1");
        assertEquals("hibernating", first.get("rfm_segment"));
        assertNum(100, first.get("recency_days"));

        Map<String, Object> lapsed = all.get(10);
        assertNum(400, lapsed.get("recency_days"));
        assertNum(0, lapsed.get("frequency"));
        assertNum("0", lapsed.get("monetary"));
        assertEquals("111", lapsed.get("rfm_score"));
    }

    // ---------------------------------------------------------------------------------
    // Helpers

    /**
     * Refreshes every view in dependency order: daily_kpis after its three inputs. An
     * incremental report is rebuilt from its definition function over every bucket.
     */
    private void refreshAll(boolean concurrently) throws SQLException {
        for (String view : VIEWS.keySet()) {
            if (isIncremental(view)) {
                exec("DELETE FROM " + view);
                exec("INSERT INTO " + view + " " + definitionOf(view));
            } else {
                exec("REFRESH MATERIALIZED VIEW " + (concurrently ? "CONCURRENTLY " : "") + view);
            }
        }
    }

    private boolean isIncremental(String view) throws SQLException {
        return !rows(
                        "SELECT 1 FROM analytics_control.incremental_report WHERE report_schema || '.' || report_name = ?",
                        view)
                .isEmpty();
    }

    /** A materialized view's query, or an incremental report's definition over every bucket. */
    private String definitionOf(String view) throws SQLException {
        if (isIncremental(view)) {
            return (String) value(
                    "SELECT " + ReportDefinitions.WHOLE_DEFINITION + " FROM analytics_control.incremental_report r"
                            + " WHERE r.report_schema || '.' || r.report_name = ?",
                    view);
        }
        String definition = ((String) value("SELECT pg_get_viewdef(?::regclass)", view)).trim();
        return definition.endsWith(";") ? definition.substring(0, definition.length() - 1) : definition;
    }

    /** Rows in the view and not in its defining query, plus the reverse, duplicates counted. */
    private long differenceFromDefinition(String view) throws SQLException {
        String definition = definitionOf(view);
        return ((Number) value("SELECT count(*) FROM ("
                        + "(SELECT * FROM " + view + " EXCEPT ALL (" + definition + "))"
                        + " UNION ALL "
                        + "((" + definition + ") EXCEPT ALL SELECT * FROM " + view + ")) d"))
                .longValue();
    }

    private Map<String, Object> stockLevel(int productId) throws SQLException {
        return row(
                "SELECT * FROM inventory_analytics.stock_levels WHERE warehouse_id = 1 AND product_id = ?", productId);
    }

    private LocalDate today() throws SQLException {
        return LocalDate.parse(value("SELECT current_date").toString());
    }

    private String localDate(int daysAgo) throws SQLException {
        return today().minusDays(daysAgo).toString();
    }

    private static void assertNum(Object expected, Object actual) {
        assertNotNull(actual, "expected " + expected);
        BigDecimal want = new BigDecimal(expected.toString());
        BigDecimal got = new BigDecimal(actual.toString());
        assertEquals(0, want.compareTo(got), "expected " + want + " but was " + got);
    }

    /**
     * The test's SQL with {@code current_date} fixed to the day the class started: rows dated
     * "two days ago" and the queries that look them up agree even across midnight.
     */
    private static String dated(String sql) {
        return sql.replace("current_date", "DATE '" + TODAY + "'");
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(dated(sql));
        }
    }

    private Object value(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(db, dated(sql), params);
        assertEquals(1, rows.size(), sql);
        return rows.get(0).values().iterator().next();
    }

    private Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(db, dated(sql), params);
        assertEquals(1, rows.size(), "one row from " + sql);
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        return rows(db, dated(sql), params);
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        r.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(r);
                }
                return out;
            }
        }
    }

    /**
     * A deterministic workload of about 430 days: 3 warehouses, 30 locations, 24 products,
     * 40 customers, 1500 orders with lines and shipments, receipts, picks, adjustments,
     * transfers and returns, and the inventory those movements add up to.
     */
    private void loadGeneratedWorkload() throws SQLException {
        exec("""
                INSERT INTO wms.warehouses
                SELECT w, 'WH' || w, 'Warehouse ' || w, (ARRAY['north', 'south', 'east'])[w], date '2020-01-01'
                FROM generate_series(1, 3) w;
                INSERT INTO wms.locations
                SELECT l, 1 + l % 3, 'L' || l, (ARRAY['pick', 'reserve', 'bulk'])[1 + l / 3 % 3], 40 + (l * 37) % 160
                FROM generate_series(1, 30) l;
                INSERT INTO wms.products
                SELECT p, 'SKU' || p, 'Product ' || p, (ARRAY['tools', 'food', 'toys', 'garden'])[1 + p % 4],
                       1 + p % 7, 3 + p % 11, now() - interval '800 days'
                FROM generate_series(1, 24) p;
                INSERT INTO wms.customers
                SELECT c, 'Customer ' || c, (ARRAY['retail', 'wholesale', 'marketplace'])[1 + c % 3],
                       (ARRAY['north', 'south'])[1 + c % 2], now() - interval '800 days'
                FROM generate_series(1, 40) c;
                INSERT INTO wms.orders
                SELECT o, 1 + (o * 7) % 40, 1 + o % 3,
                       CASE WHEN o % 13 = 0 THEN 'cancelled' WHEN o % 17 = 0 THEN 'open'
                            WHEN o % 2 = 0 THEN 'delivered' ELSE 'shipped' END,
                       created, created + interval '36 hours',
                       CASE WHEN o % 13 <> 0 AND o % 17 <> 0 THEN created + ((o * 11) % 80 + 1) * interval '1 hour' END,
                       CASE WHEN o % 13 = 0 THEN created + interval '2 hours' END
                FROM (SELECT o, current_date - 430 + (o * 7) % 430 + ((o * 5) % 24) * interval '1 hour' AS created
                      FROM generate_series(1, 1500) o) x;
                INSERT INTO wms.order_lines
                SELECT o, n, 1 + (o * 3 + n * 5) % 24, 1 + (o + n) % 4, 3 + (o * 3 + n * 5) % 11
                FROM generate_series(1, 1500) o, generate_series(1, 3) n WHERE n <= 1 + o % 3;
                INSERT INTO wms.shipments
                SELECT order_id, order_id, warehouse_id, (ARRAY['dhl', 'ups'])[1 + order_id % 2], shipped_at,
                       CASE WHEN status = 'delivered' THEN shipped_at + interval '2 days' END, 1.5 + order_id % 10
                FROM wms.orders WHERE shipped_at IS NOT NULL;
                -- Receipts every 30 days into some bins.
                INSERT INTO wms.stock_movements
                SELECT row_number() OVER (ORDER BY d, l, p), 'receipt', p, l, 50 + (l * p) % 50, NULL,
                       current_date - 430 + d + interval '7 hours'
                FROM generate_series(1, 24) p, generate_series(1, 30) l, generate_series(0, 420, 30) d
                WHERE (l + p) % 4 = 0;
                -- Picks for the lines of shipped orders, in a bin of the order's warehouse.
                INSERT INTO wms.stock_movements
                SELECT 100000 + row_number() OVER (ORDER BY ol.order_id, ol.line_no), 'pick', ol.product_id,
                       3 * (1 + ol.product_id % 9) + (o.warehouse_id - 1), -ol.quantity, o.order_id,
                       o.shipped_at - interval '1 hour'
                FROM wms.order_lines ol JOIN wms.orders o ON o.order_id = ol.order_id
                WHERE o.shipped_at IS NOT NULL;
                INSERT INTO wms.stock_movements
                SELECT 200000 + g, 'adjustment', 1 + g % 24, 1 + g % 30, CASE WHEN g % 2 = 0 THEN -1 ELSE 2 END,
                       NULL, current_date - g % 400 + interval '15 hours'
                FROM generate_series(1, 200) g;
                INSERT INTO wms.stock_movements
                SELECT 300000 + 2 * g + leg, 'transfer', 1 + g % 24, CASE WHEN leg = 0 THEN 1 + g % 30 ELSE 1 + (g + 7) % 30 END,
                       CASE WHEN leg = 0 THEN -5 ELSE 5 END, NULL, current_date - g % 300 + interval '13 hours'
                FROM generate_series(1, 100) g, generate_series(0, 1) leg;
                INSERT INTO wms.stock_movements
                SELECT 400000 + g, 'return', 1 + g % 24, 1 + g % 30, 1 + g % 3, NULL, current_date - g % 200 + interval '11 hours'
                FROM generate_series(1, 60) g;
                INSERT INTO wms.inventory
                SELECT location_id, product_id, greatest(sum(quantity), 0), least(greatest(sum(quantity), 0), 3), now()
                FROM wms.stock_movements GROUP BY location_id, product_id;
                """);
    }
}
