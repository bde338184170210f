package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.EmbeddedServers;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The running service refreshes a report installed, or rebuilt, by {@code migrate} while it runs, without a restart. */
@Tag("slow")
class ReportPickupServiceTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String REPORT = """
            -- name: bi_reports.customers_by_region
            -- kind: full
            -- group: weekly
            -- unique-key: region

            SELECT region, count(*) AS customers FROM wms.customers GROUP BY region
            """;

    @Test
    void a_report_installed_or_rebuilt_while_the_service_runs_is_refreshed_by_the_next_firing_of_its_group()
            throws Exception {
        Path dir = Files.createTempDirectory("reports");
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "often", "cron = \"* * * * * ?\"\ntime-zone = UTC\ngroup = \"weekly\"");
        Path config =
                Pipeline.build(pg, 200, "wms-analytics.reports.dir = \"" + dir + "\"\n" + JobFiles.serviceConfig(jobs));
        try (ServiceProcess service = ServiceProcess.start(config).awaitRunning()) {
            Files.writeString(dir.resolve("regions.sql"), REPORT);
            CliRun created = CliRun.of("migrate", "--config", config.toString());
            assertEquals(0, created.exitCode(), created.err());
            String afterCreate = now();
            awaitRefreshSince(afterCreate, service);

            Files.writeString(
                    dir.resolve("regions.sql"),
                    REPORT.replace("count(*) AS customers", "count(*) AS customers, max(customer_id) AS newest"));
            CliRun rebuilt = CliRun.of("migrate", "--config", config.toString());
            assertEquals(0, rebuilt.exitCode(), rebuilt.err());
            assertTrue(rebuilt.out().contains("report bi_reports.customers_by_region: rebuilt"), rebuilt.out());
            String afterRebuild = now();
            awaitRefreshSince(afterRebuild, service);

            assertEquals(0, service.terminate(), service.log());
            assertEquals(
                    "1",
                    pg.replica()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT count(*) FROM pg_attribute WHERE attrelid ="
                                            + " 'bi_reports.customers_by_region'::regclass AND attname = 'newest'"),
                    "the report the service refreshed is the rebuilt one");
        }
    }

    private static String now() {
        return pg.replica().queryValue(PostgresPair.DATABASE, "SELECT now()");
    }

    private static void awaitRefreshSince(String since, ServiceProcess service) {
        try {
            EmbeddedServers.await(
                    pg.replica(),
                    PostgresPair.DATABASE,
                    "SELECT count(*) > 0 FROM analytics_control.refresh_run_view v JOIN analytics_control.refresh_run r"
                            + " USING (run_id) WHERE v.view_name = 'customers_by_region' AND v.status = 'succeeded'"
                            + " AND r.trigger = 'schedule' AND v.started_at > '" + since + "'",
                    Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + service.log(), e);
        }
    }
}
