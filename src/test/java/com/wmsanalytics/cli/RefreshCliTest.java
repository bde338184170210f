package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportContents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The analyst's commands against a real primary and replica, run as the user runs them. */
class RefreshCliTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final List<String> DAILY = List.of(
            "order_analytics.daily_orders",
            "order_analytics.fulfillment_times",
            "warehouse_analytics.daily_throughput",
            "inventory_analytics.stock_levels",
            "analytics.daily_kpis");

    private static Path config;

    @BeforeAll
    static void pipeline() {
        config = Pipeline.build(pg, 1500, "wms-analytics.refresh.lock-timeout = 20s\n");
    }

    @BeforeEach
    void subscription_enabled() {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
    }

    @Test
    void refresh_of_the_daily_group_makes_every_daily_view_equal_its_query() {
        CliRun run = cli("refresh", "--group", "daily");

        assertEquals(0, run.exitCode(), run.err());
        for (String view : DAILY) {
            assertEquals(0, ReportContents.differences(pg.replica(), view), view);
        }
        assertTrue(run.out().lines().anyMatch(l -> l.matches("run \\d+ succeeded in .*")), run.out());
    }

    @Test
    void refresh_of_two_reports_named_on_the_command_line_refreshes_both_in_dependency_order() {
        CliRun run = cli("refresh", "analytics.daily_kpis", "order_analytics.daily_orders");

        assertEquals(0, run.exitCode(), run.err());
        List<String> refreshed = run.out()
                .lines()
                .filter(l -> l.startsWith("analytics.daily_kpis") || l.startsWith("order_analytics.daily_orders"))
                .map(l -> l.split("\\s+")[0])
                .toList();
        assertEquals(List.of("order_analytics.daily_orders", "analytics.daily_kpis"), refreshed, run.out());
    }

    @Test
    void verify_of_two_reports_named_on_the_command_line_checks_both() {
        assertEquals(0, cli("refresh", "--group", "daily").exitCode());

        CliRun run = cli("verify", "order_analytics.daily_orders", "order_analytics.fulfillment_times");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("order_analytics.daily_orders"), run.out());
        assertTrue(run.out().contains("order_analytics.fulfillment_times"), run.out());
        assertFalse(run.out().contains("warehouse_analytics.daily_throughput"), run.out());
    }

    @Test
    void with_the_subscription_disabled_a_refresh_exits_3_changes_nothing_and_is_recorded_as_skipped() {
        assertEquals(0, cli("refresh", "--group", "daily").exitCode());
        String before = ReportContents.fingerprint(pg.replica(), "order_analytics.daily_orders");
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO wms.orders SELECT 900000 + g, 1, 1, 'open', now() - interval '1 hour',"
                                + " now() + interval '1 day', NULL, NULL FROM generate_series(1, 50) g");

        CliRun skipped = cli("refresh", "--group", "daily", "--gate-timeout", "5s");

        assertEquals(3, skipped.exitCode(), skipped.out() + skipped.err());
        assertEquals(before, ReportContents.fingerprint(pg.replica(), "order_analytics.daily_orders"));
        JsonNode last = latestRun();
        assertEquals("skipped", last.get("status").asText());
        assertEquals(
                "subscription wms_analytics_sub is disabled; run setup or ALTER SUBSCRIPTION wms_analytics_sub ENABLE",
                last.get("error").asText());

        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
        CliRun after = cli("refresh", "--group", "daily", "--gate-timeout", "60s");

        assertEquals(0, after.exitCode(), after.out() + after.err());
        assertEquals(0, ReportContents.differences(pg.replica(), "order_analytics.daily_orders"));
        assertFalse(
                before.equals(ReportContents.fingerprint(pg.replica(), "order_analytics.daily_orders")),
                "the new orders arrived");
    }

    @Test
    void no_gate_refreshes_anyway_and_is_recorded_as_ungated() {
        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        CliRun run = cli("refresh", "inventory_analytics.abc_classification", "--no-gate");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("ungated", latestRun().get("status").asText());
    }

    @Test
    void two_concurrent_refreshes_of_one_view_refresh_it_once_and_the_other_exits_4() throws Exception {
        try (Connection holder = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE wms.orders IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<CliRun> first =
                    CompletableFuture.supplyAsync(() -> cli("refresh", "order_analytics.daily_orders", "--no-gate"));
            awaitViewLockHeld();

            CliRun second = cli("refresh", "order_analytics.daily_orders", "--no-gate");

            holder.rollback();
            assertEquals(4, second.exitCode(), second.out() + second.err());
            assertEquals(
                    0, first.get().exitCode(), first.get().out() + first.get().err());
        }
        JsonNode runs = json(cli("history", "--view", "order_analytics.daily_orders", "--limit", "2", "--json")
                .out());
        assertEquals(
                List.of("locked", "succeeded"),
                List.of(
                        runs.get(0).get("views").get(0).get("status").asText(),
                        runs.get(1).get("views").get(0).get("status").asText()));
    }

    @Test
    void history_summaries_lists_the_folded_hours_and_refuses_a_view() {
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "INSERT INTO analytics_control.refresh_run_summary (job, hour_start, runs, fire_times,"
                                + " first_scheduled_for, last_scheduled_for, first_started_at, last_finished_at,"
                                + " duration_p50_ms, duration_max_ms, gate_waited_max_ms, data_age_max_ms,"
                                + " last_data_as_of, report_refreshes) VALUES ('daily', '2025-03-03 02:00Z', 360, 360,"
                                + " '2025-03-03 02:00Z', '2025-03-03 02:59:50Z', '2025-03-03 02:00:00.1Z',"
                                + " '2025-03-03 02:59:52Z', 1200, 4500, 80, 6100, '2025-03-03 02:59:50Z', 1440)"
                                + " ON CONFLICT DO NOTHING");

        JsonNode hours =
                json(cli("history", "--summaries", "--group", "daily", "--json").out());
        CliRun text = cli("history", "--summaries");

        assertEquals(1, hours.size(), hours.toString());
        assertEquals(360, hours.get(0).get("runs").asInt());
        assertEquals(360, hours.get(0).get("fire_times").asInt());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("fire times") && text.out().contains("360"), text.out());
        expectUsageError(
                List.of("history", "--summaries", "--view", "order_analytics.daily_orders"),
                "error: --view cannot be combined with --summaries: a summary counts a job's runs");
    }

    @Test
    void refresh_json_is_one_json_document_on_stdout() {
        CliRun run = cli("refresh", "inventory_analytics.abc_classification", "--json");

        JsonNode doc = json(run.out());
        assertEquals("succeeded", doc.get("status").asText());
        assertEquals(0, doc.get("exit_code").asInt());
        assertTrue(doc.get("gate").get("satisfied").asBoolean());
        assertEquals(
                "caught_up",
                doc.get("gate").get("publishers").get(0).get("outcome").asText());
        assertEquals(
                List.of("inventory_analytics.product_months", "inventory_analytics.abc_classification"),
                List.of(
                        doc.get("views").get(0).get("view").asText(),
                        doc.get("views").get(1).get("view").asText()),
                "its ledger first, then the report");
        assertTrue(doc.get("views").get(1).get("rows").asLong() > 0);
    }

    @Test
    void status_shows_the_subscription_streaming_and_each_view_with_its_freshness() {
        assertEquals(0, cli("refresh", "--group", "monthly").exitCode());
        JsonNode status = json(cli("status", "--json").out());

        assertEquals(
                "streaming", status.get("subscriptions").get(0).get("state").asText());
        // An idle primary still writes a running-transactions record every 15 s, so the replica
        // may be a few bytes behind at the moment status reads it; CI once saw 56.
        long behind = status.get("subscriptions").get(0).get("bytes_behind").asLong();
        assertTrue(behind >= 0 && behind < 65_536, "bytes behind an idle primary: " + behind);
        JsonNode rfm = find(status.get("views"), "monthly_rfm");
        assertEquals("monthly", rfm.get("group").asText());
        assertEquals("succeeded", rfm.get("last_status").asText());
        assertFalse(rfm.get("data_as_of").isNull());
    }

    @Test
    void views_lists_every_report_with_group_mode_why_and_dependencies() {
        CliRun run = cli("views");
        assertEquals(0, run.exitCode());
        String kpis = run.out()
                .lines()
                .filter(l -> l.startsWith("analytics.daily_kpis"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                kpis.contains("order_analytics.daily_orders, order_analytics.fulfillment_times,"
                        + " warehouse_analytics.daily_throughput"),
                kpis);
        assertTrue(kpis.contains("incremental") && kpis.contains("only the days that changed are recomputed"), kpis);
        String stock = run.out()
                .lines()
                .filter(l -> l.startsWith("inventory_analytics.stock_levels"))
                .findFirst()
                .orElseThrow();
        assertTrue(stock.contains("no date bucket"), stock);
        String summary = run.out()
                .lines()
                .filter(l -> l.startsWith("customer_analytics.customer_summary"))
                .findFirst()
                .orElseThrow();
        assertTrue(summary.contains("customer_analytics.customer_months"), summary);
        assertEquals(19, run.out().lines().count(), "a header and eighteen reports: " + run.out());
    }

    @Test
    void an_unknown_view_exits_2_naming_it_and_records_nothing() {
        expectUsageError(
                List.of("refresh", "order_analytics.nope"),
                "error: unknown view 'order_analytics.nope'; 'wms-analytics views' lists them");
    }

    @Test
    void a_view_name_with_control_characters_is_echoed_escaped_on_one_line() {
        expectUsageError(
                List.of("refresh", "\u001b[31mbad\nname"),
                "error: '\\u001b[31mbad\\nname' is not a view name; use schema.view (letters, digits and _)");
    }

    @Test
    void a_table_is_not_a_materialized_view() {
        expectUsageError(
                List.of("refresh", "wms.orders"),
                "error: 'wms.orders' is a table, not a report; 'wms-analytics views' lists them");
    }

    @Test
    void an_unknown_group_exits_2() {
        expectUsageError(
                List.of("refresh", "--group", "hourly"),
                "error: unknown group 'hourly'; groups: [daily, monthly, weekly]");
    }

    @Test
    void sql_in_a_view_name_is_rejected_and_never_run() {
        expectUsageError(
                List.of("refresh", "order_analytics.daily_orders; DROP TABLE wms.orders"),
                "error: 'order_analytics.daily_orders; DROP TABLE wms.orders' is not a view name; use schema.view (letters, digits and _)");
        expectUsageError(
                List.of("refresh", "\"order_analytics\".\"daily_orders\""),
                "error: '\"order_analytics\".\"daily_orders\"' is not a view name; use schema.view (letters, digits and _)");
        assertEquals(
                "1",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_tables WHERE schemaname = 'wms'"
                                        + " AND tablename = 'orders'"));
    }

    @Test
    void a_malformed_duration_exits_2_naming_it() {
        expectUsageError(
                List.of("refresh", "--group", "daily", "--gate-timeout", "5 fortnights"),
                "error: Invalid value for option '--gate-timeout': '5 fortnights' is not a duration such as 30s, 5m, 2h or 7d"
                        + " (see 'wms-analytics refresh --help')");
        expectUsageError(
                List.of("history", "--since", "yesterday"),
                "error: Invalid value for option '--since': 'yesterday' is not a duration such as 30s, 5m, 2h or 7d"
                        + " (see 'wms-analytics history --help')");
    }

    private void expectUsageError(List<String> args, String line) {
        String runsBefore = runCount();
        CliRun run = cli(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(List.of(line), run.errLines());
        assertEquals(runsBefore, runCount(), "nothing recorded");
    }

    private static String runCount() {
        return pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM analytics_control.refresh_run");
    }

    private static void awaitViewLockHeld() {
        Await.until("the first refresh holds the view's lock", Duration.ofSeconds(10), () -> !"0"
                .equals(pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = " + 0x574D5356
                                        + " AND granted")));
    }

    private static JsonNode latestRun() {
        return json(cli("history", "--limit", "1", "--json").out()).get(0);
    }

    private static JsonNode find(JsonNode views, String name) {
        for (JsonNode v : views) {
            if (v.get("view_name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError(name + " not in " + views);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static CliRun cli(String... args) {
        String[] withConfig = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--config", config.toString()))
                .toArray(String[]::new);
        return CliRun.of(withConfig);
    }
}
