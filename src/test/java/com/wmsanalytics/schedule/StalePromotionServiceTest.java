package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.EmbeddedServers;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.LocalHttp;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import com.wmsanalytics.testing.TestConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service, firing a job every second through a multi-host {@code replica.url}, meets a
 * promoted stale standby: the orders the old node applied after the standby stopped are missing
 * there, and the promoted node goes on applying new transactions. The standby stopped so early
 * that it lacks the service's own jobs in the scheduler's store: the service schedules them
 * again there. No firing succeeds on the promoted node, however much it applies, until
 * {@code setup --resync}; then the jobs resume with every order.
 */
@Tag("slow")
class StalePromotionServiceTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    /** Generous: under the whole suite's load, the service takes a while to reach the promoted node. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void no_firing_succeeds_on_a_promoted_stale_standby_until_setup_resync_and_then_the_jobs_resume() throws Exception {
        Path pipeline = Pipeline.build(pg, 200, "");
        PhysicalStandby standby = pg.standbyOfReplica();
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "tick", "cron = \"* * * * * ?\"\ntime-zone = UTC\ngroup = daily");
        int port = LocalHttp.freePort();
        String multiHost = "jdbc:postgresql://localhost:" + pg.replica().port() + ",localhost:"
                + standby.server().port() + "/" + PostgresPair.DATABASE + "?targetServerType=primary";
        Path config = Files.writeString(
                Files.createTempFile("stale-promotion", ".conf"),
                Files.readString(pipeline) + "wms-analytics.replica.url = \"" + multiHost + "\"\n"
                        + JobFiles.serviceConfig(jobs) + "wms-analytics.scheduler.misfire-threshold = 60s\n"
                        + "wms-analytics.http.port = " + port + "\n");
        try (ServiceProcess service = ServiceProcess.start(
                        config,
                        List.of("-Dlogback.configurationFile="
                                + Path.of("conf/logback.xml").toAbsolutePath()))
                .awaitRunning()) {
            standby.stop();
            generate(pipeline, new GenerateRequest(300, 2, 17));
            EmbeddedServers.await(
                    pg.replica(),
                    PostgresPair.DATABASE,
                    "SELECT count(*) = " + primaryOrders() + " FROM wms.orders",
                    WAIT);
            String applied = pg.replica().queryValue(PostgresPair.DATABASE, "SELECT now()");
            EmbeddedServers.await(
                    pg.replica(),
                    PostgresPair.DATABASE,
                    "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'tick'"
                            + " AND status = 'succeeded' AND started_at > '" + applied + "'",
                    WAIT);
            pg.replica().close();
            standby.start();
            standby.promote();
            String promotedAt = value(standby, "SELECT now()");
            assertTrue(
                    Long.parseLong(value(standby, "SELECT count(*) FROM wms.orders")) < primaryOrders(),
                    "the promoted standby lacks the orders the old node applied after it stopped");
            awaitLog(service, "may have skipped transactions");
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "INSERT INTO wms.customers (customer_id, name, segment, region, created_at)"
                                    + " VALUES (900001, 'after the promotion', 'retail', 'north', now())");
            EmbeddedServers.await(
                    standby.server(),
                    PostgresPair.DATABASE,
                    "SELECT count(*) = 1 FROM wms.customers WHERE customer_id = 900001",
                    WAIT);
            HttpResponse<String> ready = LocalHttp.get(port, "/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("run 'wms-analytics setup --resync'"), ready.body());
            String beforeResync = value(standby, "SELECT now()");
            assertEquals(
                    "0",
                    value(
                            standby,
                            "SELECT count(*) FROM analytics_control.refresh_run WHERE status = 'succeeded'"
                                    + " AND started_at >= '" + promotedAt + "' AND started_at < '" + beforeResync
                                    + "'"),
                    "no firing succeeded on the promoted node, which applied a transaction meanwhile");

            CliRun resync = CliRun.of("setup", "--resync", "--config", config.toString());

            assertEquals(0, resync.exitCode(), resync.out() + resync.err());
            try {
                EmbeddedServers.await(
                        standby.server(),
                        PostgresPair.DATABASE,
                        "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'tick'"
                                + " AND status = 'succeeded' AND started_at >= '" + beforeResync + "'",
                        WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + service.log(), e);
            }
            assertEquals(String.valueOf(primaryOrders()), value(standby, "SELECT count(*) FROM wms.orders"));
            awaitReady(port);
            assertEquals(0, service.terminate(), service.log());
        }
    }

    private static void generate(Path config, GenerateRequest request) throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), Clock.systemUTC())) {
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(request, GenerateProgress.NONE);
        }
    }

    private static long primaryOrders() {
        return Long.parseLong(pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM wms.orders"));
    }

    private static String value(PhysicalStandby standby, String sql) {
        return standby.server().queryValue(PostgresPair.DATABASE, sql);
    }

    private static void awaitLog(ServiceProcess service, String text) {
        Await.until("the log shows " + text, WAIT, () -> service.log().contains(text), service::log);
    }

    /** /health/ready's status, or -1 while the endpoint does not answer. */
    private static int readyStatus(int port) {
        try {
            return LocalHttp.get(port, "/health/ready").statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until /health/ready answers 200, as it does once the refusal has cleared. */
    private static void awaitReady(int port) throws Exception {
        Await.value("/health/ready answers 200", WAIT, () -> readyStatus(port), status -> status == 200);
    }
}
