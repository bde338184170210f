package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.LocalHttp;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A switchover of the analytics node under a running service whose {@code replica.url} lists
 * the replica and its standby: the replica is stopped in the middle of a refresh (a clean stop
 * streams all its WAL to the standby first) and the standby is promoted. The service carries
 * on on the new node without a restart: the firings the switchover delayed, and the one the
 * gap check holds back until {@code setup --resync}, run late, one by one; the run the stop
 * interrupted is retried there at once; no firing is lost or succeeds twice.
 */
@Tag("slow")
class SwitchoverTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().isolated();

    private static final String SLOW = "analytics.slow_report";

    @Test
    void the_running_service_follows_the_promoted_standby_and_no_firing_is_lost_or_run_twice() throws Exception {
        Path pipeline = Pipeline.build(pg, 200, "");
        pg.replica()
                .execute(
                        PostgresPair.DATABASE,
                        "CREATE MATERIALIZED VIEW " + SLOW + " AS SELECT g AS id, clock_timestamp() AS computed_at"
                                + " FROM generate_series(1, 3) g, pg_sleep(2) s;"
                                + " CREATE UNIQUE INDEX slow_report_id ON " + SLOW + " (id)");
        PhysicalStandby standby = pg.standbyOfReplica();
        Path jobs = JobFiles.directory();
        int port = LocalHttp.freePort();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"* * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        JobFiles.write(jobs, "slow", "cron = \"0/5 * * * * ?\"\ntime-zone = UTC\nviews = [\"" + SLOW + "\"]");
        String multiHost = "jdbc:postgresql://localhost:" + pg.replica().port() + ",localhost:"
                + standby.server().port() + "/" + PostgresPair.DATABASE + "?targetServerType=primary";
        Path config = Files.writeString(
                Files.createTempFile("switchover", ".conf"),
                Files.readString(pipeline) + "wms-analytics.replica.url = \"" + multiHost + "\"\n"
                        + JobFiles.serviceConfig(jobs) + "wms-analytics.scheduler.misfire-threshold = 60s\n"
                        + "wms-analytics.http.port = " + port + "\n");
        try (ServiceProcess service = ServiceProcess.start(
                        config,
                        List.of("-Dlogback.configurationFile="
                                + Path.of("conf/logback.xml").toAbsolutePath()))
                .awaitRunning()) {
            long pid = service.pid();
            awaitRefreshOf(SLOW, service);

            long stopped = System.nanoTime();
            pg.replica().close();
            standby.promote();
            long promoted = System.nanoTime();
            String promotedAt = now(standby);
            awaitLog(service, "may have skipped transactions");
            long reached = System.nanoTime();
            HttpResponse<String> ready = LocalHttp.get(port, "/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("run 'wms-analytics setup --resync'"), ready.body());
            assertTrue(
                    LocalHttp.get(port, "/metrics")
                            .body()
                            .contains(
                                    "wms_analytics_subscription_gap{publisher=\"wms\",subscription=\"wms_analytics_sub\"} 1"),
                    "the gap is exported");
            String beforeResync = now(standby);
            assertEquals(
                    "0",
                    value(
                            standby,
                            "SELECT count(*) FROM analytics_control.refresh_run WHERE status = 'succeeded' AND started_at"
                                    + " >= '" + promotedAt + "' AND started_at < '" + beforeResync + "'"),
                    "no firing succeeded on the promoted node before the resync: " + runs(standby));
            CliRun resync = CliRun.of("setup", "--resync", "--config", config.toString());
            assertEquals(0, resync.exitCode(), resync.out() + resync.err());
            long resynced = System.nanoTime();
            String afterResync = now(standby);
            awaitValue(
                    standby,
                    "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'tick'"
                            + " AND status = 'succeeded' AND started_at >= '" + afterResync + "'",
                    service);
            long resumed = System.nanoTime();
            System.out.printf(
                    "switchover: stop and promotion %d ms; the service reached the new node %d ms after the"
                            + " promotion; setup --resync %d ms; first successful run %d ms after the resync"
                            + " (%d ms after the promotion)%n",
                    (promoted - stopped) / 1_000_000,
                    (reached - promoted) / 1_000_000,
                    (resynced - reached) / 1_000_000,
                    (resumed - resynced) / 1_000_000,
                    (resumed - promoted) / 1_000_000);
            awaitValue(
                    standby,
                    "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'slow'"
                            + " AND trigger = 'retry' AND status = 'succeeded'",
                    service);
            awaitValue(
                    standby,
                    "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'tick'"
                            + " AND status = 'succeeded' AND scheduled_for >= timestamptz '" + afterResync
                            + "' + interval '2 s'",
                    service);

            CliRun cli = CliRun.of("refresh", "order_analytics.weekly_trends", "--config", config.toString());
            assertEquals(0, cli.exitCode(), cli.out() + cli.err());

            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the service still runs");
            assertEquals(0, service.terminate(), service.log());
            String log = service.log();
            assertEquals(
                    1,
                    log.lines()
                            .filter(l -> l.contains("wms-analytics - running"))
                            .count(),
                    "the service did not restart:\n" + log);
            assertTrue(log.lines().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")), log);
            System.out.println("the switchover in the service's log, warnings and errors:");
            log.lines()
                    .filter(l -> l.startsWith("WARN") || l.startsWith("ERROR"))
                    .forEach(System.out::println);
        }

        assertEquals(
                "0",
                value(
                        standby,
                        "SELECT count(*) FROM (SELECT scheduled_for FROM analytics_control.refresh_run"
                                + " WHERE job = 'tick' AND status = 'succeeded' GROUP BY scheduled_for HAVING count(*) > 1) twice"),
                "no firing succeeded twice: " + runs(standby));
        assertEquals(
                "t",
                value(
                        standby,
                        "SELECT count(DISTINCT scheduled_for) = 1 + extract(epoch FROM max(scheduled_for)"
                                + " - min(scheduled_for)) FROM analytics_control.refresh_run WHERE job = 'tick'"
                                + " AND status = 'succeeded'"),
                "every second from the first firing to the last succeeded: " + runs(standby));
        assertEquals(
                "interrupted|retry:succeeded",
                value(
                        standby,
                        "SELECT string_agg(first.status || '|' || r.trigger || ':' || r.status, ',')"
                                + " FROM analytics_control.refresh_run first JOIN analytics_control.refresh_run r"
                                + " ON r.retry_of = first.run_id AND r.scheduled_for = first.scheduled_for"
                                + " WHERE first.job = 'slow'"),
                "the refresh the stop interrupted is recorded so on the new node, and retried there: " + runs(standby));
        assertEquals(
                "1",
                value(
                        standby,
                        "SELECT count(*) FROM analytics_control.refresh_run WHERE trigger = 'cli'"
                                + " AND status = 'succeeded'"),
                "the command line reached the new node");
    }

    /** Waits until a refresh of {@code view} runs on the replica. */
    private static void awaitRefreshOf(String view, ServiceProcess service) {
        Await.until(
                "a refresh of " + view,
                Duration.ofSeconds(30),
                () -> "t"
                        .equals(pg.replica()
                                .queryValue(
                                        PostgresPair.DATABASE,
                                        "SELECT count(*) > 0 FROM pg_stat_activity WHERE query LIKE 'REFRESH MATERIALIZED"
                                                + " VIEW%" + view.substring(view.indexOf('.') + 1) + "%'"
                                                + " AND application_name LIKE 'wms-analytics/%'")),
                service::log);
    }

    private static void awaitLog(ServiceProcess service, String text) {
        Await.until(
                "the log shows " + text,
                Duration.ofSeconds(60),
                () -> service.log().contains(text),
                service::log);
    }

    private static void awaitValue(PhysicalStandby standby, String sql, ServiceProcess service) {
        Await.until(
                sql,
                Duration.ofSeconds(60),
                () -> "t".equals(value(standby, sql)),
                () -> "runs:\n" + runs(standby) + "\n" + service.log());
    }

    private static String now(PhysicalStandby standby) {
        return value(standby, "SELECT now()");
    }

    private static String value(PhysicalStandby standby, String sql) {
        return standby.server().queryValue(PostgresPair.DATABASE, sql);
    }

    private static String runs(PhysicalStandby standby) {
        return value(
                standby,
                "SELECT string_agg(run_id || ' ' || job || ' ' || trigger || ' ' || status || ' '"
                        + " || coalesce(scheduled_for::text, '-') || ' ' || coalesce(retry_of::text, '-')"
                        + " || ' started ' || started_at::time || coalesce(': ' || error, ''), E'\\n'"
                        + " ORDER BY run_id) FROM analytics_control.refresh_run");
    }
}
