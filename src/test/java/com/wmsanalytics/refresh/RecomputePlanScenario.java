package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportFileTexts;
import com.wmsanalytics.testing.TestConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The plan rule of the incremental reports: a bucketed recompute reads only its buckets,
 * whatever the planner's statistics say, so its plan holds no sequential scan of a table that
 * grows with the history ({@code wms.orders}, {@code order_lines}, {@code stock_movements},
 * {@code shipments}). The plans are read with
 * EXPLAIN, with the settings the refresh uses, on a history large enough for a wrong plan to
 * show: 300,000 orders over 600 days, written straight into the replica's mirror. The reports
 * include two report files, whose rows functions migrate generates. A subclass chooses the
 * servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecomputePlanScenario {

    static final int ORDERS = 300_000;
    static final int DAYS = 600;
    private static final Set<String> HISTORY = Set.of("orders", "order_lines", "stock_movements", "shipments");

    /** Two report files of kind by-time, whose rows functions migrate generates: a child source, and a join. */
    static final String ORDER_VALUE = ReportFileTexts.text("order_value_by_day");

    static final String PICKS = ReportFileTexts.text("picks_by_week");

    /** A report file of kind by-key: its rows function filters the query on the keys wanted. */
    static final String CUSTOMER_VALUE = ReportFileTexts.text("customer_value");

    abstract PostgresPair pg();

    @BeforeAll
    void history() throws Exception {
        Path reports = Files.createTempDirectory("reports");
        Files.writeString(reports.resolve("order_value.sql"), ORDER_VALUE);
        Files.writeString(reports.resolve("picks.sql"), PICKS);
        Files.writeString(reports.resolve("customer_value.sql"), CUSTOMER_VALUE);
        String hocon = TestConfig.hocon(pg()) + "wms-analytics.reports.dir = \"" + reports + "\"\n";
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            app.migrate();
        }
        String sql = fixture().replace(":orders", Integer.toString(ORDERS)).replace(":days", Integer.toString(DAYS));
        try (Connection c = replica();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void no_bucketed_recompute_scans_a_history_table_sequentially() throws Exception {
        Map<String, List<String>> scans = new LinkedHashMap<>();
        try (Connection c = replica()) {
            for (Report report : reports(c)) {
                c.setAutoCommit(false);
                RecomputeSettings.bucketed(DSL.using(c, SQLDialect.POSTGRES), false);
                JsonNode plan = explain(c, "FORMAT JSON", report.call());
                c.rollback();
                c.setAutoCommit(true);
                List<String> found = new ArrayList<>();
                sequentialScans(plan, found);
                scans.put(report.name(), found);
            }
        }
        assertEquals(13, scans.size(), "the ten built-in incremental reports and the three report files: " + scans);
        scans.forEach((report, found) -> assertEquals(List.of(), found, report + " scans history sequentially"));
    }

    @Test
    void a_sweep_with_nothing_written_since_its_mark_reads_no_row_of_the_history() throws Exception {
        Map<String, Long> read = new LinkedHashMap<>();
        try (Connection c = replica();
                Statement s = c.createStatement()) {
            List<Sweep> sweeps = sweeps(c);
            for (Sweep sweep : sweeps) {
                s.execute("SELECT " + sweep.function() + "()");
            }
            s.execute("SET enable_seqscan = off");
            s.execute("SET jit = off");
            for (Sweep sweep : sweeps) {
                read.put(sweep.name(), historyRowsRead(explain(c, "ANALYZE, FORMAT JSON", sweep.query())));
            }
            s.execute("RESET ALL");
        }
        assertEquals(19, read.size(), "a sweep per time source, child source and key source of the reports: " + read);
        read.forEach((sweep, rows) -> assertEquals(0L, rows, sweep + ": rows of the history read"));
    }

    /** One sweep of a report's source: the function that moves its mark, and its query of what is unswept. */
    record Sweep(String name, String function, String body) {

        /** The unswept function's one statement, out of its {@code BEGIN ATOMIC ... END}. */
        String query() {
            String text = body.strip();
            return text.substring("BEGIN ATOMIC".length(), text.lastIndexOf(';'));
        }
    }

    private static List<Sweep> sweeps(Connection c) throws SQLException {
        List<Sweep> sweeps = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT report_name || ' ' || source_table::text, sweep::regproc::text,"
                        + " pg_get_function_sqlbody(unswept) FROM analytics_control.report_sweep ORDER BY 1")) {
            while (rs.next()) {
                sweeps.add(new Sweep(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return sweeps;
    }

    /** One incremental report, its bucket (or the type of its key) and how the refresh calls its definition. */
    record Report(String name, String definition, String unit, String keyType) {

        /** Three dirty buckets and the open window, or three keys. */
        String call() {
            if (unit.equals("key")) {
                return "SELECT * FROM " + definition + "('{17,2500,4999}'::" + keyType + "[], false)";
            }
            return "SELECT * FROM " + definition + "('" + dirtyBuckets() + "'::date[], '" + windowStart() + "'::date)";
        }

        /** Three closed buckets across the history, as late corrections dirty them. */
        String dirtyBuckets() {
            LocalDate today = LocalDate.now();
            List<String> buckets = new ArrayList<>();
            for (int back : new int[] {100, 300, 500}) {
                buckets.add(start(today.minusDays(back)).toString());
            }
            return "{" + String.join(",", buckets) + "}";
        }

        /** The open window's first bucket, as a refresh a day after the last computes it. */
        LocalDate windowStart() {
            return start(LocalDate.now().minusDays(4));
        }

        private LocalDate start(LocalDate day) {
            return switch (unit) {
                case "week" -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
                case "month" -> day.withDayOfMonth(1);
                default -> day;
            };
        }
    }

    private static List<Report> reports(Connection c) throws SQLException {
        List<Report> reports = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT report_schema || '.' || report_name, definition::regproc::text,"
                        + " bucket_unit, key_type FROM analytics_control.incremental_report WHERE bucket_unit <> 'all'"
                        + " ORDER BY 1")) {
            while (rs.next()) {
                reports.add(new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return reports;
    }

    private static JsonNode explain(Connection c, String options, String query) throws SQLException, IOException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (" + options + ") " + query)) {
            rs.next();
            return new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
        }
    }

    /** The rows that the plan's scans of history tables returned, over all their loops. */
    private static long historyRowsRead(JsonNode node) {
        long rows = HISTORY.contains(node.path("Relation Name").asText())
                ? node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong()
                : 0;
        for (JsonNode child : node.path("Plans")) {
            rows += historyRowsRead(child);
        }
        return rows;
    }

    /** The history tables that a node of the plan, or of its subplans, scans sequentially. */
    private static void sequentialScans(JsonNode node, List<String> found) {
        if ("Seq Scan".equals(node.path("Node Type").asText())
                && HISTORY.contains(node.path("Relation Name").asText())) {
            found.add(node.path("Relation Name").asText());
        }
        node.path("Plans").forEach(child -> sequentialScans(child, found));
    }

    private Connection replica() throws SQLException {
        return pg().replica().dataSource(PostgresPair.DATABASE).getConnection();
    }

    private static String fixture() throws IOException {
        try (InputStream in = RecomputePlanScenario.class.getResourceAsStream("/plans/history.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
