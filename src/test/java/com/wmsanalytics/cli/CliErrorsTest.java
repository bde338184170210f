package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes of the user's: one line on stderr, a non-zero exit, no stack trace. */
class CliErrorsTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_config_file_exits_2_with_one_line() {
        CliRun run = CliRun.of("migrate", "--config", dir.resolve("absent.conf").toString());
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("error: " + dir.resolve("absent.conf") + ": configuration file does not exist"),
                run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void a_bad_key_in_the_file_named_by_the_environment_exits_2() throws IOException {
        Path file = Files.writeString(dir.resolve("app.conf"), "wms-analytics.replica.urll = x\n");
        CliRun run = CliRun.of(Map.of("WMS_ANALYTICS_CONFIG", file.toString()), "setup", "--check");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("error: " + file
                        + ":1: wms-analytics.replica.urll: unknown key (see conf/application.conf for the known keys)"),
                run.errLines());
    }

    @Test
    void a_mistyped_config_force_variable_exits_2_naming_it() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.wmsanalytics.cli.Main",
                        "migrate")
                .redirectErrorStream(true);
        builder.environment().put("CONFIG_FORCE_wms__analytics_refresh_paralelism", "3");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(2, process.waitFor(), output);
        assertEquals(
                "error: environment (CONFIG_FORCE_ variables): wms-analytics.refresh.paralelism: unknown key"
                        + " (see conf/application.conf for the known keys)",
                output.strip());
    }

    @Test
    void an_unknown_option_exits_2_with_one_line() {
        CliRun run = CliRun.of("setup", "--chek");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("error: Unknown option: '--chek'; did you mean '--check'? (see 'wms-analytics setup --help')"),
                run.errLines());
    }

    @Test
    void a_missing_required_argument_is_one_line_with_one_error_prefix() {
        CliRun run = CliRun.of("refresh");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("error: Missing required argument (specify one of these): (--group=GROUP | VIEW...)"
                        + " (see 'wms-analytics refresh --help')"),
                run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void a_mistyped_command_exits_2_suggesting_the_nearest_commands() {
        CliRun run = CliRun.of("stauts");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("error: Unmatched argument at index 0: 'stauts'; did you mean 'status' or 'history'?"
                        + " (see 'wms-analytics --help')"),
                run.errLines());
    }

    @Test
    void a_bad_option_value_with_control_characters_is_echoed_escaped_on_one_line() {
        CliRun run = CliRun.of("history", "--since", "1\u001b[2J\nd");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of(
                        "error: Invalid value for option '--since': '1\\u001b[2J\\nd' is not a duration such as 30s, 5m,"
                                + " 2h or 7d (see 'wms-analytics history --help')"),
                run.errLines());
    }

    @Test
    void a_name_with_control_characters_is_echoed_escaped_on_one_line() throws IOException {
        Path file = Files.writeString(
                dir.resolve("app.conf"),
                "wms-analytics.publishers = [ { name = wms, url = \"jdbc:postgresql://127.0.0.1:1/wms_db\" } ]\n");
        CliRun run = CliRun.of("migrate", "--primary", "\u001b[31mbad\nname", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals(List.of("error: unknown publisher '\\u001b[31mbad\\nname'; configured: [wms]"), run.errLines());
    }

    @Test
    void no_command_exits_2_with_one_line_and_one_hint() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals(List.of("error: a command is required (see 'wms-analytics --help')"), run.errLines());
    }

    @Test
    void an_unreachable_replica_exits_5_without_showing_the_password() throws IOException {
        Path file = Files.writeString(dir.resolve("app.conf"), """
                wms-analytics.replica { url = "jdbc:postgresql://127.0.0.1:1/wms_db", connect-timeout = 2s }
                wms-analytics.publishers = [ { name = wms, url = "jdbc:postgresql://127.0.0.1:1/wms_db" } ]
                """);
        CliRun run =
                CliRun.of(Map.of("WMS_REPLICA_PASSWORD", "hunter2-secret"), "migrate", "--config", file.toString());

        assertEquals(5, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(
                run.err().startsWith("error: cannot connect to replica (127.0.0.1:1/wms_db as wms_analytics_user): "),
                run.err());
        assertFalse(run.err().contains("hunter2-secret"));
    }

    @Test
    void verbose_shows_the_stack_trace_of_the_same_error() {
        CliRun run = CliRun.of(
                "migrate", "--verbose", "--config", dir.resolve("absent.conf").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("\tat com.wmsanalytics.config.ConfigLoader"), run.err());
    }

    @Test
    void an_unknown_publisher_exits_2_naming_it() throws IOException {
        Path file = Files.writeString(
                dir.resolve("app.conf"),
                "wms-analytics.publishers = [ { name = wms, url = \"jdbc:postgresql://127.0.0.1:1/wms_db\" } ]\n");
        CliRun run = CliRun.of("migrate", "--primary", "wms'; DROP TABLE x", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals(List.of("error: unknown publisher 'wms'; DROP TABLE x'; configured: [wms]"), run.errLines());
    }

    @Test
    void every_command_has_help() {
        for (String command : List.of("migrate", "setup")) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().startsWith("Usage: wms-analytics " + command), run.out());
        }
    }
}
