package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigException;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.config.HttpSettings;
import com.wmsanalytics.config.SchedulerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wms-analytics.scheduler} and {@code wms-analytics.http} in the application's configuration. */
class ServiceSettingsTest {

    private static final String ONE_PUBLISHER = """
            wms-analytics {
              replica { url = "jdbc:postgresql://replica.example:5433/wms_db" }
              publishers = [ { name = "wms", url = "jdbc:postgresql://primary.example:5432/wms_db" } ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void the_defaults_are_the_documented_ones() throws IOException {
        AppConfig config = load(write(ONE_PUBLISHER));

        assertEquals(
                new SchedulerSettings(
                        Path.of("jobs"),
                        2,
                        Duration.ofMinutes(10),
                        "wms-analytics",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1)),
                config.scheduler());
        assertEquals(HttpSettings.plain("127.0.0.1", 9464), config.http());
    }

    @Test
    void the_documented_application_conf_holds_the_same_defaults() throws IOException {
        AppConfig documented = load(Path.of("conf/application.conf"));
        AppConfig defaults = load(write(ONE_PUBLISHER));

        assertEquals(defaults.scheduler(), documented.scheduler());
        assertEquals(defaults.http(), documented.http());
    }

    @Test
    void every_setting_can_be_changed() throws IOException {
        AppConfig config = load(write(ONE_PUBLISHER + """
                wms-analytics.scheduler { jobs-dir = "/etc/wms-analytics/jobs", threads = 4, shutdown-timeout = 2m, instance-name = eu,
                    cluster-checkin-interval = 2s, cluster-failover-grace = 4s, misfire-threshold = 5s, store-retry-interval = 3s }
                wms-analytics.http { enabled = false, host = "0.0.0.0", port = 8080, web-config-file = "/etc/wms-analytics/web.yml",
                    health-open = false, request-timeout = 3s, max-connections = 40 }
                """));

        assertEquals(
                new SchedulerSettings(
                        Path.of("/etc/wms-analytics/jobs"),
                        4,
                        Duration.ofMinutes(2),
                        "eu",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(3)),
                config.scheduler());
        assertEquals(
                new HttpSettings(
                        false,
                        "0.0.0.0",
                        8080,
                        Optional.of(Path.of("/etc/wms-analytics/web.yml")),
                        false,
                        Duration.ofSeconds(3),
                        40),
                config.http());
    }

    @Test
    void a_port_above_65535_is_named() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.http.port = 70000\n");
        assertFails(file + ":5: wms-analytics.http.port: must be from 0 to 65535, got 70000", file);
    }

    @Test
    void a_negative_port_is_named() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.http.port = -1\n");
        assertFails(file + ":5: wms-analytics.http.port: must be from 0 to 65535, got -1", file);
    }

    @Test
    void port_zero_means_any_free_port() throws IOException {
        assertEquals(
                0,
                load(write(ONE_PUBLISHER + "wms-analytics.http.port = 0\n"))
                        .http()
                        .port());
    }

    @Test
    void http_enabled_must_be_a_boolean() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.http.enabled = sometimes\n");
        assertFails(file + ":5: wms-analytics.http.enabled: expected true or false, got \"sometimes\"", file);
    }

    @Test
    void zero_scheduler_threads_are_rejected() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.scheduler.threads = 0\n");
        assertFails(file + ":5: wms-analytics.scheduler.threads: must be at least 1, got 0", file);
    }

    @Test
    void a_zero_shutdown_timeout_is_rejected() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.scheduler.shutdown-timeout = 0s\n");
        assertFails(file + ":5: wms-analytics.scheduler.shutdown-timeout: must be longer than zero, got \"0s\"", file);
    }

    @Test
    void an_empty_jobs_dir_is_rejected() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.scheduler.jobs-dir = \"\"\n");
        assertFails(file + ":5: wms-analytics.scheduler.jobs-dir: must not be empty", file);
    }

    @Test
    void an_instance_name_longer_than_quartz_column_is_rejected() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.scheduler.instance-name = \"" + "x".repeat(121) + "\"\n");
        assertFails(file + ":5: wms-analytics.scheduler.instance-name: must be at most 120 characters, got 121", file);
    }

    @Test
    void a_mistyped_scheduler_key_is_unknown() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.scheduler.thread = 4\n");
        assertFails(
                file + ":5: wms-analytics.scheduler.thread: unknown key (see conf/application.conf for the known keys)",
                file);
    }

    private static AppConfig load(Path file) {
        return new ConfigLoader(Map.of()).load(Optional.of(file));
    }

    private static void assertFails(String message, Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertEquals(message, e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "app", ".conf"), content);
    }
}
