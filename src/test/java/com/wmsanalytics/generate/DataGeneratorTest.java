package com.wmsanalytics.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.testing.PostgresPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DataGeneratorTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-12T09:30:00Z"), ZoneOffset.UTC);
    private static final GenerateRequest REQUEST = new GenerateRequest(2_000, 28, 42);
    private static final AtomicInteger databases = new AtomicInteger();

    /** Primary keys of the wms tables, in load order. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("warehouses", "warehouse_id");
        KEYS.put("locations", "location_id");
        KEYS.put("products", "product_id");
        KEYS.put("customers", "customer_id");
        KEYS.put("orders", "order_id");
        KEYS.put("order_lines", "order_id, line_no");
        KEYS.put("shipments", "shipment_id");
        KEYS.put("stock_movements", "movement_id");
        KEYS.put("inventory", "location_id, product_id");
    }

    private static DataSource generated;
    private static GenerateSummary generatedSummary;

    @BeforeAll
    static void generate_the_shared_database() {
        generated = migratedDatabase(pg.primary());
        generatedSummary = new DataGenerator(generated, CLOCK).generate(REQUEST, GenerateProgress.NONE);
    }

    @Test
    void same_seed_and_clock_give_identical_tables_on_two_independent_servers() throws SQLException {
        DataSource other = migratedDatabase(pg.replica());
        new DataGenerator(other, CLOCK).generate(REQUEST, GenerateProgress.NONE);

        assertEquals(fingerprints(generated), fingerprints(other));
    }

    @Test
    void a_different_seed_gives_different_orders_and_movements() throws SQLException {
        DataSource other = migratedDatabase(pg.primary());
        new DataGenerator(other, CLOCK).generate(new GenerateRequest(2_000, 28, 43), GenerateProgress.NONE);

        Map<String, String> expected = fingerprints(generated);
        Map<String, String> actual = fingerprints(other);
        for (String table : List.of("products", "orders", "order_lines", "shipments", "stock_movements")) {
            assertNotEquals(expected.get(table), actual.get(table), table);
        }
    }

    @Test
    void every_wms_table_gets_rows_and_the_summary_counts_them_in_load_order() throws SQLException {
        for (String table : KEYS.keySet()) {
            long rows = count(generated, "SELECT count(*) FROM wms." + table);
            assertTrue(rows > 0, table + " is empty");
            assertEquals(rows, generatedSummary.rowsWritten().get(table), table);
        }
        assertEquals(
                List.copyOf(KEYS.keySet()),
                List.copyOf(generatedSummary.rowsWritten().keySet()));
        assertEquals(2_000, generatedSummary.rowsWritten().get("orders"));
        assertEquals(generatedSummary.rowsWritten().get("order_lines"), generatedSummary.orderLines());
    }

    @Test
    void first_run_ends_yesterday_by_the_clock() throws SQLException {
        assertEquals(LocalDate.parse("2025-03-11"), generatedSummary.lastDay());
        assertEquals(LocalDate.parse("2025-02-12"), generatedSummary.firstDay());
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.orders"
                                + " WHERE created_at < '2025-02-12T00:00Z' OR created_at >= '2025-03-12T00:00Z'"));
        assertEquals(
                0, count(generated, "SELECT count(*) FROM wms.stock_movements WHERE moved_at >= '2025-03-12T00:00Z'"));
    }

    @Test
    void inventory_equals_the_sum_of_stock_movements_and_is_never_negative() throws SQLException {
        assertInventoryConsistent(generated);
    }

    @Test
    void stock_never_goes_negative_when_movements_are_replayed_in_time_order() throws SQLException {
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM (SELECT sum(quantity) OVER"
                                + " (PARTITION BY location_id, product_id ORDER BY moved_at, movement_id) AS running"
                                + " FROM wms.stock_movements) r WHERE running < 0"));
    }

    @Test
    void reserved_stock_equals_the_lines_of_open_and_picking_orders() throws SQLException {
        long open = count(generated, "SELECT count(*) FROM wms.orders WHERE status IN ('open', 'picking')");
        assertTrue(open > 0, "some recent orders are still open");
        assertEquals(openOrderUnits(generated), count(generated, "SELECT sum(qty_reserved) FROM wms.inventory"));
    }

    @Test
    void a_second_run_appends_days_after_the_last_day_with_new_ids() throws SQLException {
        DataSource db = migratedDatabase(pg.primary());
        GenerateSummary first =
                new DataGenerator(db, CLOCK).generate(new GenerateRequest(1_500, 10, 7), GenerateProgress.NONE);
        long lastOrderId = count(db, "SELECT max(order_id) FROM wms.orders");
        long lastMovementId = count(db, "SELECT max(movement_id) FROM wms.stock_movements");

        GenerateSummary second =
                new DataGenerator(db, CLOCK).generate(new GenerateRequest(1_200, 5, 7), GenerateProgress.NONE);

        assertAll(
                () -> assertEquals(first.lastDay().plusDays(1), second.firstDay()),
                () -> assertEquals(first.lastDay().plusDays(5), second.lastDay()),
                () -> assertEquals(2_700, count(db, "SELECT count(*) FROM wms.orders")),
                () -> assertEquals(1_200, count(db, "SELECT count(*) FROM wms.orders WHERE order_id > " + lastOrderId)),
                () -> assertEquals(
                        0,
                        count(
                                db,
                                "SELECT count(*) FROM wms.orders WHERE order_id > " + lastOrderId
                                        + " AND created_at < '" + second.firstDay() + "T00:00Z'")),
                () -> assertTrue(count(
                                db,
                                "SELECT min(movement_id) FROM wms.stock_movements WHERE moved_at >= '"
                                        + second.firstDay() + "T00:00Z'")
                        > lastMovementId),
                () -> assertEquals(0, second.rowsWritten().get("products")));
    }

    @Test
    void a_second_run_keeps_inventory_consistent_and_settles_the_orders_the_first_left_open() throws SQLException {
        DataSource db = migratedDatabase(pg.primary());
        GenerateSummary first =
                new DataGenerator(db, CLOCK).generate(new GenerateRequest(1_500, 10, 7), GenerateProgress.NONE);
        long leftOpen = count(db, "SELECT count(*) FROM wms.orders WHERE status IN ('open', 'picking')");

        new DataGenerator(db, CLOCK).generate(new GenerateRequest(1_200, 5, 7), GenerateProgress.NONE);

        assertTrue(leftOpen > 0, "the first run leaves recent orders open");
        assertEquals(
                0,
                count(
                        db,
                        "SELECT count(*) FROM wms.orders WHERE status IN ('open', 'picking')" + " AND created_at < '"
                                + first.lastDay().plusDays(1) + "T00:00Z'"));
        assertInventoryConsistent(db);
        assertEquals(openOrderUnits(db), count(db, "SELECT sum(qty_reserved) FROM wms.inventory"));
    }

    @Test
    void an_appending_run_is_deterministic_too() throws SQLException {
        DataSource a = migratedDatabase(pg.primary());
        DataSource b = migratedDatabase(pg.primary());
        for (DataSource db : List.of(a, b)) {
            new DataGenerator(db, CLOCK).generate(new GenerateRequest(800, 6, 11), GenerateProgress.NONE);
            new DataGenerator(db, CLOCK).generate(new GenerateRequest(600, 4, 11), GenerateProgress.NONE);
        }
        assertEquals(fingerprints(a), fingerprints(b));
    }

    @Test
    void product_popularity_is_skewed_so_the_top_fifth_of_products_hold_most_units() throws SQLException {
        double topShare = number(
                generated,
                "WITH units AS (SELECT p.product_id, coalesce(sum(l.quantity), 0) AS u,"
                        + " row_number() OVER (ORDER BY coalesce(sum(l.quantity), 0) DESC, p.product_id) AS r"
                        + " FROM wms.products p LEFT JOIN wms.order_lines l ON l.product_id = p.product_id"
                        + " GROUP BY p.product_id)"
                        + " SELECT sum(u) FILTER (WHERE r <= (SELECT count(*) FROM wms.products) / 5)::float8 / sum(u)"
                        + " FROM units");
        assertTrue(topShare > 0.5, "top 20 % of products hold " + topShare + " of units");
    }

    @Test
    void weekend_days_have_fewer_orders_than_weekdays_on_average() throws SQLException {
        double weekend = averageOrdersPerDay("IN (0, 6)");
        double weekday = averageOrdersPerDay("BETWEEN 1 AND 5");
        double monday = averageOrdersPerDay("= 1");
        assertTrue(weekend < 0.8 * weekday, "weekend " + weekend + " vs weekday " + weekday);
        assertTrue(monday > weekday, "monday " + monday + " vs weekday " + weekday);
    }

    @Test
    void cancelled_orders_have_a_cancel_time_no_shipment_and_no_picks() throws SQLException {
        assertTrue(count(generated, "SELECT count(*) FROM wms.orders WHERE status = 'cancelled'") > 10);
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.orders WHERE status = 'cancelled'"
                                + " AND (cancelled_at IS NULL OR shipped_at IS NOT NULL)"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.shipments s JOIN wms.orders o"
                                + " ON o.order_id = s.order_id WHERE o.status = 'cancelled'"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.stock_movements m JOIN wms.orders o"
                                + " ON o.order_id = m.order_id WHERE o.status = 'cancelled'"));
    }

    @Test
    void some_shipments_are_late_and_older_shipped_orders_are_delivered() throws SQLException {
        double late = number(
                generated,
                "SELECT avg((s.shipped_at > o.promised_at)::int)::float8"
                        + " FROM wms.shipments s JOIN wms.orders o ON o.order_id = s.order_id");
        assertTrue(late > 0.02 && late < 0.25, "late share " + late);
        assertTrue(count(generated, "SELECT count(*) FROM wms.orders WHERE status = 'delivered'") > 1_000);
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.orders WHERE status = 'delivered'"
                                + " AND created_at > '2025-03-11T06:00Z'"));
    }

    @Test
    void every_shipped_line_has_its_pick_and_open_orders_have_no_shipment() throws SQLException {
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.order_lines l JOIN wms.orders o"
                                + " ON o.order_id = l.order_id WHERE o.status IN ('shipped', 'delivered') AND NOT EXISTS"
                                + " (SELECT 1 FROM wms.stock_movements m WHERE m.order_id = l.order_id"
                                + " AND m.product_id = l.product_id AND m.movement_type = 'pick')"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.shipments s JOIN wms.orders o"
                                + " ON o.order_id = s.order_id WHERE o.status IN ('open', 'picking')"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.orders o WHERE o.status IN ('shipped', 'delivered')"
                                + " AND NOT EXISTS (SELECT 1 FROM wms.shipments s WHERE s.order_id = o.order_id)"));
    }

    @Test
    void every_movement_type_occurs_and_transfers_balance() throws SQLException {
        assertEquals(5, count(generated, "SELECT count(DISTINCT movement_type) FROM wms.stock_movements"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT coalesce(sum(quantity), 0) FROM wms.stock_movements"
                                + " WHERE movement_type = 'transfer'"));
        assertEquals(
                0,
                count(
                        generated,
                        "SELECT count(*) FROM wms.stock_movements WHERE"
                                + " (movement_type = 'pick' AND (quantity > 0 OR order_id IS NULL))"
                                + " OR (movement_type = 'return' AND (quantity < 0 OR order_id IS NULL))"));
    }

    @Test
    void a_database_without_the_wms_schema_gives_a_clear_error() {
        String name = "bare_" + databases.incrementAndGet();
        pg.primary().execute("postgres", "CREATE DATABASE " + name);
        DataGenerator generator = new DataGenerator(pg.primary().dataSource(name), CLOCK, "east");

        MissingWmsSchemaException e =
                assertThrows(MissingWmsSchemaException.class, () -> generator.generate(REQUEST, GenerateProgress.NONE));

        assertEquals("publisher east has no wms schema; run 'migrate --primary east' first", e.getMessage());
    }

    @Test
    void a_failed_load_leaves_no_rows_behind() throws SQLException {
        DataSource db = migratedDatabase(pg.primary());
        execute(db, "ALTER TABLE wms.shipments ADD CONSTRAINT no_freight CHECK (carrier <> 'UPS')");

        DataGenerationException e = assertThrows(DataGenerationException.class, () -> new DataGenerator(db, CLOCK)
                .generate(REQUEST, GenerateProgress.NONE));

        assertInstanceOf(SQLException.class, e.getCause());
        for (String table : KEYS.keySet()) {
            assertEquals(0, count(db, "SELECT count(*) FROM wms." + table), table);
        }
    }

    @Test
    void progress_is_reported_per_table_and_at_least_every_ten_thousand_orders() {
        DataSource db = migratedDatabase(pg.primary());
        List<String> updates = new ArrayList<>();
        new DataGenerator(db, CLOCK)
                .generate(
                        new GenerateRequest(25_000, 3, 5),
                        (phase, done, total) -> updates.add(phase + " " + done + "/" + total));

        assertEquals(
                List.of(
                        "warehouses 4/4",
                        "locations 1344/1344",
                        "products 600/600",
                        "customers 3125/3125",
                        "orders 10000/25000",
                        "orders 20000/25000",
                        "orders 25000/25000"),
                updates.subList(0, 7));
        assertTrue(updates.get(7).startsWith("inventory "), updates.get(7));
    }

    @Test
    void request_rejects_less_than_one_order_or_day() {
        assertThrows(IllegalArgumentException.class, () -> new GenerateRequest(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GenerateRequest(1, 0, 1));
    }

    private double averageOrdersPerDay(String dayOfWeek) throws SQLException {
        return number(
                generated,
                "SELECT avg(n)::float8 FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS d,"
                        + " count(*) AS n FROM wms.orders GROUP BY 1) per_day WHERE extract(dow FROM d) " + dayOfWeek);
    }

    private static void assertInventoryConsistent(DataSource db) throws SQLException {
        assertEquals(
                0,
                count(
                        db,
                        "SELECT count(*) FROM wms.inventory i FULL JOIN"
                                + " (SELECT location_id, product_id, sum(quantity) AS moved FROM wms.stock_movements"
                                + " GROUP BY 1, 2) m USING (location_id, product_id)"
                                + " WHERE i.qty_on_hand IS DISTINCT FROM m.moved AND NOT (m.moved IS NULL AND i.qty_on_hand = 0)"));
        assertEquals(0, count(db, "SELECT count(*) FROM wms.inventory WHERE qty_on_hand < 0 OR qty_reserved < 0"));
    }

    private static long openOrderUnits(DataSource db) throws SQLException {
        return count(
                db,
                "SELECT coalesce(sum(l.quantity), 0) FROM wms.order_lines l JOIN wms.orders o"
                        + " ON o.order_id = l.order_id WHERE o.status IN ('open', 'picking')");
    }

    private static DataSource migratedDatabase(com.wmsanalytics.demo.EmbeddedServer server) {
        String name = "gen_" + databases.incrementAndGet();
        server.execute("postgres", "CREATE DATABASE " + name);
        DataSource ds = server.dataSource(name);
        Migrator.migratePrimary("test", ds);
        return ds;
    }

    private static Map<String, String> fingerprints(DataSource db) throws SQLException {
        Map<String, String> prints = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : KEYS.entrySet()) {
            prints.put(
                    table.getKey(),
                    text(
                            db,
                            "SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY " + table.getValue()
                                    + ")) FROM wms." + table.getKey() + " t"));
        }
        return prints;
    }

    private static long count(DataSource db, String sql) throws SQLException {
        return Long.parseLong(text(db, sql));
    }

    private static double number(DataSource db, String sql) throws SQLException {
        return Double.parseDouble(text(db, sql));
    }

    private static String text(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
