package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportFileTexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of bad report file: {@code migrate} and {@code migrate --check} exit 2 with one line
 * naming the file, the line and the fault, and nothing on the replica changes, the good file
 * beside it included.
 */
class BadReportFileTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String GOOD = """
            -- name: bi_reports.regions
            -- kind: full

            SELECT region, count(*) AS customers FROM wms.customers GROUP BY region
            """;

    private static final String STATE = "SELECT (SELECT count(*) FROM pg_class WHERE relnamespace::regnamespace::text"
            + " NOT IN ('pg_catalog', 'information_schema', 'pg_toast')) || '/' || (SELECT count(*) FROM"
            + " analytics_control.flyway_schema_history) || '/' || (SELECT count(*) FROM analytics_control.report_file)"
            + " || '/' || (SELECT count(*) FROM wms.orders) || '/' || (SELECT count(*) FROM pg_namespace)";

    private static Path config;
    private static Path dir;

    @BeforeAll
    static void pipeline() throws IOException {
        dir = Files.createTempDirectory("reports");
        config = Pipeline.build(pg, 100, "wms-analytics.reports.dir = \"" + dir + "\"\n");
    }

    @BeforeEach
    void only_a_good_file() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(dir.resolve("a_regions.sql"), GOOD);
    }

    @Test
    void a_syntax_error_names_its_line() throws IOException {
        assertRefused(
                Map.of(
                        "picks.sql",
                        "-- name: bi_reports.picks\n-- kind: full\n\nSELECT warehouse_id,\n  FROM wms.orders\n"),
                "picks.sql line 5: syntax error at or near \"FROM\"");
    }

    @Test
    void an_unknown_table_names_its_line() throws IOException {
        assertRefused(
                Map.of("picks.sql", "-- name: bi_reports.picks\n-- kind: full\n\nSELECT order_id\nFROM wms.ordres\n"),
                "picks.sql line 5: relation \"wms.ordres\" does not exist");
    }

    @Test
    void an_unknown_column_names_its_line() throws IOException {
        assertRefused(
                Map.of(
                        "picks.sql",
                        "-- name: bi_reports.picks\n-- kind: full\n\nSELECT order_id,\n"
                                + "       shipped_by\nFROM wms.orders\n"),
                "picks.sql line 5: column \"shipped_by\" does not exist");
    }

    @Test
    void a_unique_key_the_query_does_not_produce_names_the_header_line() throws IOException {
        assertRefused(
                Map.of(
                        "picks.sql",
                        "-- name: bi_reports.picks\n-- kind: full\n-- unique-key: warehouse_id\n\n"
                                + "SELECT order_id FROM wms.orders\n"),
                "picks.sql line 3: unique-key (warehouse_id): column \"warehouse_id\" does not exist");
    }

    @Test
    void two_files_for_one_report_are_refused() throws IOException {
        assertRefused(
                Map.of("b_regions.sql", GOOD),
                "b_regions.sql line 1: report bi_reports.regions is declared by " + dir.resolve("a_regions.sql")
                        + " too");
    }

    @Test
    void a_name_that_is_not_schema_dot_name_is_refused() throws IOException {
        assertRefused(
                Map.of("picks.sql", "-- kind: full\n-- name: picks\n\nSELECT 1 AS one\n"),
                "picks.sql line 2: name 'picks' is not schema.name in lower-case letters, digits and _");
    }

    @Test
    void sql_in_a_name_is_refused_and_never_run() throws IOException {
        assertRefused(
                Map.of(
                        "picks.sql",
                        "-- name: bi_reports.picks; DROP TABLE wms.orders\n-- kind: full\n\nSELECT 1 AS one\n"),
                "picks.sql line 1: name 'bi_reports.picks; DROP TABLE wms.orders' is not schema.name in lower-case"
                        + " letters, digits and _");
    }

    @Test
    void a_second_statement_in_a_file_is_refused_and_never_run() throws IOException {
        assertRefused(
                Map.of(
                        "picks.sql",
                        "-- name: bi_reports.picks\n-- kind: full\n\nSELECT 1 AS one WITH NO DATA;\n"
                                + "DROP TABLE wms.orders CASCADE;\nSELECT 1\n"),
                "picks.sql line 5: a report file holds one query, and a second statement starts here");
    }

    @Test
    void a_dependency_cycle_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "x.sql", "-- name: bi_reports.x\n-- kind: full\n\nSELECT * FROM bi_reports.y\n",
                        "y.sql", "-- name: bi_reports.y\n-- kind: full\n\nSELECT * FROM bi_reports.x\n"),
                "x.sql line 4: bi_reports.x reads bi_reports.y reads bi_reports.x: a dependency cycle; no report can"
                        + " be created first");
    }

    @Test
    void an_incremental_report_that_reads_the_clock_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "recency.sql",
                        "-- name: bi_reports.recency\n-- kind: by-key\n-- key: customer_id\n-- unique-key: customer_id\n"
                                + "-- source: wms.orders.customer_id\n\n"
                                + "SELECT o.customer_id,\n       current_date - max(o.created_at)::date AS days_since\n"
                                + "FROM wms.orders o GROUP BY 1\n"),
                "recency.sql line 8: a by-key report cannot read the clock (current_date): the rows it keeps would go"
                        + " stale; compute that last step in a full report that reads this one");
    }

    @Test
    void a_lookback_that_is_not_a_number_of_buckets_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "x.sql",
                        "-- name: bi_reports.x\n-- kind: by-time\n-- bucket: day by day\n-- lookback: 0\n"
                                + "-- unique-key: day\n-- source: wms.orders.created_at\n\n"
                                + "SELECT o.created_at::date AS day FROM wms.orders o GROUP BY 1\n"),
                "x.sql line 4: lookback '0' is not a number of buckets from 1 to 52");
    }

    @Test
    void a_lookback_on_a_report_not_kept_by_time_is_refused() throws IOException {
        assertRefused(
                Map.of("x.sql", "-- name: bi_reports.x\n-- kind: full\n-- lookback: 1\n\nSELECT 1 AS one\n"),
                "x.sql line 3: 'lookback' is for kind by-time; this report is full");
    }

    @Test
    void a_by_time_report_without_a_source_that_reads_no_report_kept_by_time_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "x.sql",
                        "-- name: bi_reports.x\n-- kind: by-time\n-- bucket: day by day\n-- unique-key: day\n\n"
                                + "SELECT (o.created_at AT TIME ZONE bucket.zone)::date AS day, count(*) AS orders\n"
                                + "FROM wms.orders o WHERE o.created_at >= bucket.since AND o.created_at < bucket.until"
                                + " GROUP BY 1\n"),
                "x.sql line 3: a by-time report needs a '-- source: schema.table.time_column', or must read a report"
                        + " kept by time, whose changed buckets it follows");
    }

    @Test
    void a_group_named_twice_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "x.sql",
                        "-- name: bi_reports.x\n-- kind: full\n-- group: daily, weekly, daily\n\nSELECT 1 AS one\n"),
                "x.sql line 3: group daily is named twice");
    }

    @Test
    void a_group_that_is_not_an_identifier_is_refused() throws IOException {
        assertRefused(
                Map.of("x.sql", "-- name: bi_reports.x\n-- kind: full\n-- group: daily, Weekly\n\nSELECT 1 AS one\n"),
                "x.sql line 3: group 'Weekly' is not a lower-case identifier (letters, digits, _)");
    }

    @Test
    void a_built_in_report_name_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "summary.sql",
                        "-- name: customer_analytics.customer_summary\n-- kind: full\n\nSELECT 1 AS one\n"),
                "summary.sql line 1: report customer_analytics.customer_summary is built into wms-analytics; a report"
                        + " file may not reuse a built-in name, so choose another");
    }

    @Test
    void the_name_of_a_relation_no_report_file_made_is_refused() throws IOException {
        assertRefused(
                Map.of("kpis.sql", "-- name: analytics.report_freshness\n-- kind: full\n\nSELECT 1 AS one\n"),
                "kpis.sql line 1: analytics.report_freshness already exists and was not made from a report file; choose"
                        + " another name");
    }

    @Test
    void a_report_in_the_mirror_schema_is_refused() throws IOException {
        assertRefused(
                Map.of("picks.sql", "-- name: wms.picks\n-- kind: full\n\nSELECT 1 AS one\n"),
                "picks.sql line 1: a report cannot live in schema wms (the mirror, control and system schemas are"
                        + " not for reports)");
    }

    @Test
    void an_unknown_header_key_is_refused() throws IOException {
        assertRefused(
                Map.of("picks.sql", "-- name: bi_reports.picks\n-- kind: full\n-- groups: daily\n\nSELECT 1 AS one\n"),
                "picks.sql line 3: unknown key 'groups'; the keys are name, kind, group, unique-key, warn-after,"
                        + " error-after, description, bucket, lookback, key, source");
    }

    @Test
    void an_unknown_kind_is_refused() throws IOException {
        assertRefused(
                Map.of("picks.sql", "-- name: bi_reports.picks\n-- kind: nightly\n\nSELECT 1 AS one\n"),
                "picks.sql line 2: kind 'nightly' is not one of: full, table, by-time, by-key");
    }

    private static final String BY_TIME = "-- name: bi_reports.orders_by_day\n-- kind: by-time\n"
            + "-- bucket: order_date by day\n-- unique-key: order_date\n";

    private static final String BY_TIME_QUERY = "\nSELECT (o.created_at AT TIME ZONE bucket.zone)::date AS order_date,"
            + " count(*) AS orders\nFROM wms.orders o\nWHERE o.created_at >= bucket.since AND o.created_at < bucket.until"
            + "\nGROUP BY 1\n";

    @Test
    void a_by_time_source_whose_column_is_not_a_timestamptz_is_refused() throws IOException {
        assertRefused(
                Map.of("orders.sql", BY_TIME + "-- source: wms.orders.status\n" + BY_TIME_QUERY),
                "orders.sql line 5: source column wms.orders.status is text, not a timestamptz");
    }

    @Test
    void a_by_time_source_the_query_does_not_read_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "orders.sql",
                        BY_TIME + "-- source: wms.orders.created_at\n-- source: wms.customers.created_at\n"
                                + BY_TIME_QUERY),
                "orders.sql line 6: the query does not read source wms.customers");
    }

    @Test
    void a_by_time_source_that_cannot_map_to_a_bucket_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "orders.sql",
                        BY_TIME + "-- source: wms.order_lines.order_id -> wms.orders.order_id\n" + BY_TIME_QUERY),
                "orders.sql line 5: the parent wms.orders is not a source with a time column; declare '-- source:"
                        + " wms.orders.TIME_COLUMN' too");
    }

    @Test
    void a_by_time_bucket_that_is_not_a_date_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "orders.sql",
                        BY_TIME.replace("order_date by day", "orders by day")
                                        .replace("unique-key: order_date", "unique-key: order_date, orders")
                                + "-- source: wms.orders.created_at\n" + BY_TIME_QUERY),
                "orders.sql line 3: bucket column orders is bigint, not a date");
    }

    @Test
    void a_by_key_child_whose_parent_is_not_a_source_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "value.sql",
                        "-- name: bi_reports.customer_value\n-- kind: by-key\n-- key: customer_id\n"
                                + "-- unique-key: customer_id\n-- source: wms.order_lines.order_id -> wms.orders.order_id\n\n"
                                + "SELECT o.customer_id, count(*) AS lines FROM wms.orders o JOIN wms.order_lines l"
                                + " USING (order_id) GROUP BY 1\n"),
                "value.sql line 5: the parent wms.orders is not a source with a key column; declare '-- source:"
                        + " wms.orders.KEY_COLUMN' too");
    }

    @Test
    void a_by_key_key_the_query_does_not_produce_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "value.sql",
                        "-- name: bi_reports.customer_value\n-- kind: by-key\n-- key: client_id\n"
                                + "-- unique-key: client_id\n-- source: wms.orders.customer_id\n\n"
                                + "SELECT o.customer_id, count(*) AS orders FROM wms.orders o GROUP BY 1\n"),
                "value.sql line 3: key column client_id is not a column of the query's result");
    }

    @Test
    void a_by_key_source_that_is_a_report_kept_by_key_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "a_value.sql",
                        ReportFileTexts.text("customer_value"),
                        "b_totals.sql",
                        "-- name: bi_reports.value_totals\n-- kind: by-key\n-- key: customer_id\n"
                                + "-- unique-key: customer_id\n-- source: bi_reports.customer_value.customer_id\n\n"
                                + "SELECT customer_id, sum(value) AS value FROM bi_reports.customer_value GROUP BY 1\n"),
                "b_totals.sql line 5: source bi_reports.customer_value is a report kept by key; a report kept by key"
                        + " can follow a report kept by time, not one kept by key");
    }

    @Test
    void a_source_line_in_a_report_of_kind_table_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "ranked.sql",
                        "-- name: bi_reports.ranked\n-- kind: table\n-- unique-key: customer_id\n"
                                + "-- source: wms.orders.created_at\n\n"
                                + "SELECT customer_id, count(*) AS orders FROM wms.orders GROUP BY 1\n"),
                "ranked.sql line 4: 'source' is for kind by-time and by-key; this report is table");
    }

    @Test
    void a_by_key_source_that_is_a_report_of_kind_table_is_refused() throws IOException {
        assertRefused(
                Map.of(
                        "a_counts.sql",
                        "-- name: bi_reports.order_counts\n-- kind: table\n-- unique-key: customer_id\n\n"
                                + "SELECT customer_id, count(*) AS orders FROM wms.orders GROUP BY 1\n",
                        "b_totals.sql",
                        "-- name: bi_reports.count_totals\n-- kind: by-key\n-- key: customer_id\n"
                                + "-- unique-key: customer_id\n-- source: bi_reports.order_counts.customer_id\n\n"
                                + "SELECT customer_id, sum(orders) AS orders FROM bi_reports.order_counts GROUP BY 1\n"),
                "b_totals.sql line 5: source bi_reports.order_counts is a report of kind table, rebuilt at every"
                        + " refresh; nothing records which of its rows changed: read it from a full or table report");
    }

    private static void assertRefused(Map<String, String> files, String line) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        String before = pg.replica().queryValue(PostgresPair.DATABASE, STATE);
        for (List<String> args : List.of(List.of("migrate", "--check"), List.of("migrate"))) {
            CliRun run = cli(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), args + ": " + run.out() + run.err());
            assertEquals(List.of("error: " + dir + "/" + line), run.errLines(), args.toString());
            assertEquals(before, pg.replica().queryValue(PostgresPair.DATABASE, STATE), "nothing changed");
        }
    }

    private static CliRun cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
