package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ReportDefinitions;
import com.wmsanalytics.testing.ReportFileTexts;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica that an earlier version migrated (up to V16, before report files) and refreshed is
 * upgraded in place by {@code migrate} with a reports directory: every report keeps its rows; the
 * built-in reports refreshed in full that stand as defined are adopted as report files without a
 * rebuild; the six that hand-written capture kept are rebuilt from their files, and no
 * hand-written trigger or capture function is left; the BI team's report files are installed
 * beside them; and after more data and a refresh of every group each report equals its
 * definition, and weekly_trends and customer_summary their definitions as first shipped.
 */
@Tag("slow")
class UpgradeTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String REPORTS = "SELECT schemaname || '.' || matviewname FROM pg_matviews"
            + " UNION SELECT report_schema || '.' || report_name FROM analytics_control.incremental_report ORDER BY 1";

    /** The built-in reports shipped as report files that stand as an earlier version made them. */
    private static final List<String> BUILTIN =
            List.of("warehouse_analytics.location_utilization", "inventory_analytics.stock_levels");

    /** The built-in ledgers that reports of the previous version now add up: migrate creates them. */
    private static final List<String> LEDGERS = List.of(
            "customer_analytics.customer_months",
            "customer_analytics.customer_span",
            "inventory_analytics.pick_months",
            "inventory_analytics.product_months");

    /**
     * The reports that V10 made with hand-written capture, monthly_turnover, which reads one, and
     * monthly_rfm, abc_classification and slow_movers, now computed from ledgers: migrate rebuilds
     * them from their files.
     */
    private static final List<String> MADE_BY_HAND = List.of(
            "analytics.daily_kpis",
            "inventory_analytics.monthly_turnover",
            "customer_analytics.monthly_rfm",
            "inventory_analytics.abc_classification",
            "inventory_analytics.slow_movers",
            "order_analytics.daily_orders",
            "warehouse_analytics.daily_throughput",
            "order_analytics.fulfillment_times",
            "inventory_analytics.monthly_movement_value",
            "order_analytics.weekly_trends");

    @Test
    void a_replica_of_the_previous_version_is_upgraded_in_place_with_every_report_unchanged() throws Exception {
        Flyway.configure()
                .dataSource(pg.replica().dataSource(PostgresPair.DATABASE))
                .locations("classpath:migrations/replica")
                .schemas("analytics_control")
                .createSchemas(true)
                .table("flyway_schema_history")
                .target("16")
                .load()
                .migrate();
        MigrationInfo[] pending = Flyway.configure()
                .dataSource(pg.replica().dataSource(PostgresPair.DATABASE))
                .locations("classpath:migrations/replica")
                .schemas("analytics_control")
                .table("flyway_schema_history")
                .load()
                .info()
                .pending();
        String upgraded = "replica: applied " + pending.length + " migration(s), now at version "
                + pending[pending.length - 1].getVersion();
        Path dir = Files.createTempDirectory("reports");
        Path config = Files.writeString(
                Files.createTempFile("upgrade", ".conf"),
                TestConfig.hocon(pg) + "wms-analytics.reports.dir = \"" + dir + "\"\n");
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            app.migratePrimary("wms");
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(new GenerateRequest(400, 60, 7), GenerateProgress.NONE);
            app.setup(new SetupStage.Listener() {
                @Override
                public void changed(String change) {}

                @Override
                public void tablesReady(String subscription, int ready, int total) {}
            });
        }
        refreshAsThePreviousVersionDid();
        Map<String, String> before = digests();

        Files.writeString(dir.resolve("order_value_by_day.sql"), ReportFileTexts.text("order_value_by_day"));
        Files.writeString(dir.resolve("customer_value.sql"), ReportFileTexts.text("customer_value"));
        CliRun migrate = cli(config, "migrate");

        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertTrue(migrate.out().contains(upgraded), upgraded + " in " + migrate.out());
        for (String builtin : BUILTIN) {
            assertTrue(
                    migrate.out().contains("report " + builtin + ": built in, kept as it stands"),
                    builtin + " is adopted without a rebuild: " + migrate.out());
        }
        for (String ledger : LEDGERS) {
            String name = ledger.substring(ledger.indexOf('.') + 1);
            assertTrue(
                    migrate.out().contains("report " + ledger + ": created from built-in/" + name + ".sql"),
                    ledger + " is created: " + migrate.out());
        }
        assertTrue(
                migrate.out()
                        .contains(
                                "report customer_analytics.customer_summary: rebuilt from built-in/customer_summary.sql"),
                "customer_summary is now computed from its ledger: " + migrate.out());
        for (String made : MADE_BY_HAND) {
            String name = made.substring(made.indexOf('.') + 1);
            assertTrue(
                    migrate.out().contains("report " + made + ": rebuilt from built-in/" + name + ".sql"),
                    made + " is rebuilt from its file: " + migrate.out());
        }
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_trigger t WHERE NOT t.tgisinternal"
                                        + " AND t.tgrelid::regclass::text LIKE 'wms.%' AND t.tgname !~ '^capture_[0-9a-f]{12}_'"),
                "no hand-written trigger is left on the mirror");
        assertEquals(
                "0",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'analytics_control'::regnamespace"
                                        + " AND p.prorettype = 'trigger'::regtype AND p.proname !~ '^capture_[0-9a-f]{12}_'"),
                "no hand-written capture function is left");
        assertEquals(
                "18",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT count(*) FROM analytics_control.report_file WHERE file LIKE 'built-in/%'"),
                "every built-in report is recorded as installed from its file");
        Map<String, String> after = digests();
        after.keySet().retainAll(before.keySet());
        assertEquals(before, after, "the upgrade changed no report's rows");
        assertTrue(
                digests().keySet().containsAll(List.of("bi_reports.customer_value", "bi_reports.order_value_by_day")));

        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(new GenerateRequest(20, 1, 8), GenerateProgress.NONE);
        }
        refreshEveryGroup(config);
        for (String report : ReportDefinitions.incrementalReports(pg.replica().dataSource(PostgresPair.DATABASE))) {
            if (!report.startsWith("bi_reports.")) {
                assertEquals(
                        0,
                        ReportDefinitions.differences(pg.replica().dataSource(PostgresPair.DATABASE), report, "UTC"),
                        report + " equals its definition after the upgrade");
            }
        }
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "customer_analytics.customer_summary",
                        "V4__weekly_views.sql",
                        "UTC"),
                "customer_summary, computed from its ledger, equals its definition as first shipped");
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "order_analytics.weekly_trends",
                        "V4__weekly_views.sql",
                        "UTC"),
                "weekly_trends, computed from its ledger, equals its definition as first shipped");
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "customer_analytics.monthly_rfm",
                        "V5__monthly_views.sql",
                        "UTC"),
                "monthly_rfm, computed from the ledger customer_months, equals its definition as first shipped");
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "inventory_analytics.abc_classification",
                        "V5__monthly_views.sql",
                        "UTC"),
                "abc_classification, computed from the ledger product_months, equals its definition as first shipped");
        assertEquals(
                0,
                ReportDefinitions.viewDifferences(
                        pg.replica().dataSource(PostgresPair.DATABASE),
                        "inventory_analytics.slow_movers",
                        "V4__weekly_views.sql",
                        "UTC"),
                "slow_movers, computed from the ledger pick_months, equals its definition as first shipped");
        CliRun verify = cli(config, "verify");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    /**
     * The reports as the previous version's first refresh left them (this version refuses to run
     * on a replica that lacks its migrations): each incremental report rebuilt from its
     * definition, the KPIs after their inputs, then each materialized view.
     */
    private static void refreshAsThePreviousVersionDid() {
        String incremental =
                "SELECT string_agg(format('DELETE FROM %I.%I; INSERT INTO %I.%I SELECT * FROM %s(ARRAY[]::date[],"
                        + " ''-infinity''::date)', report_schema, report_name, report_schema, report_name, definition::regproc), '; '"
                        + " ORDER BY report_name = 'daily_kpis', report_name) FROM analytics_control.incremental_report";
        String views = "SELECT string_agg(format('REFRESH MATERIALIZED VIEW %I.%I', schemaname, matviewname), '; '"
                + " ORDER BY matviewname) FROM pg_matviews";
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "SET TimeZone = 'UTC'; " + pg.replica().queryValue(PostgresPair.DATABASE, incremental) + "; "
                                + pg.replica().queryValue(PostgresPair.DATABASE, views));
    }

    private static void refreshEveryGroup(Path config) {
        for (String group : List.of("daily", "weekly", "monthly")) {
            CliRun refresh = cli(config, "refresh", "--group", group);
            assertEquals(0, refresh.exitCode(), group + ": " + refresh.out() + refresh.err());
        }
    }

    /** A digest of every report's rows, by report. */
    private static Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String report : pg.replica()
                .queryValue(PostgresPair.DATABASE, "SELECT string_agg(r, ',') FROM (" + REPORTS + ") AS x(r)")
                .split(",")) {
            digests.put(
                    report,
                    pg.replica()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + report
                                            + " t"));
        }
        return digests;
    }

    private static CliRun cli(Path config, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
