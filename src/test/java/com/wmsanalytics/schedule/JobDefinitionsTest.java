package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading job files: the shipped ones, the defaults, and one exact message per mistake. */
class JobDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void
            the_shipped_jobs_are_daily_weekly_and_monthly_at_the_hours_of_the_cron_lines_they_replace_a_weekly_verify_a_disabled_backup_and_a_disabled_live_job() {
        List<JobDefinition> jobs = JobDefinitions.load(Path.of("jobs"));

        assertEquals(
                List.of("backup", "daily", "live", "monthly", "verify", "weekly"),
                jobs.stream().map(JobDefinition::name).toList());
        assertEquals(
                List.of(
                        "0 0 1 * * ?",
                        "0 0 2 * * ?",
                        "0/10 * * * * ?",
                        "0 0 4 1 * ?",
                        "0 0 5 ? * SUN",
                        "0 0 3 ? * MON"),
                jobs.stream().map(JobDefinition::cron).toList());
        assertEquals(
                List.of(
                        Optional.empty(),
                        Optional.of("daily"),
                        Optional.empty(),
                        Optional.of("monthly"),
                        Optional.empty(),
                        Optional.of("weekly")),
                jobs.stream().map(JobDefinition::group).toList());
        assertEquals(
                List.of(
                        JobDefinition.Action.BACKUP,
                        JobDefinition.Action.REFRESH,
                        JobDefinition.Action.REFRESH,
                        JobDefinition.Action.REFRESH,
                        JobDefinition.Action.VERIFY,
                        JobDefinition.Action.REFRESH),
                jobs.stream().map(JobDefinition::action).toList());
        assertEquals(
                List.of(false, true, false, true, true, true),
                jobs.stream().map(JobDefinition::enabled).toList());
        assertEquals(
                List.of(
                        "order_analytics.daily_orders",
                        "order_analytics.fulfillment_times",
                        "warehouse_analytics.daily_throughput",
                        "analytics.daily_kpis"),
                jobs.get(2).views(),
                "the live job refreshes the incremental daily reports, not stock_levels, which is refreshed in full");
        assertEquals(
                Optional.of(Path.of("/var/backups/wms-analytics")), jobs.get(0).directory());
        assertEquals("jobs/daily.conf", jobs.get(1).source());
    }

    @Test
    void a_backup_job_needs_a_directory_and_takes_no_group() {
        write("backup.conf", job("cron = \"0 0 1 * * ?\"", "time-zone = UTC", "action = backup"));
        ConfigException missing = assertThrows(ConfigException.class, () -> JobDefinitions.load(dir));
        assertTrue(
                missing.getMessage().endsWith("job.directory: a backup job needs the directory of its backups"),
                missing.getMessage());

        write(
                "backup.conf",
                job("cron = \"0 0 1 * * ?\"", "time-zone = UTC", "action = backup", "directory = /b", "group = daily"));
        ConfigException group = assertThrows(ConfigException.class, () -> JobDefinitions.load(dir));
        assertTrue(
                group.getMessage().endsWith("job.group: a backup job dumps the whole replica; remove group"),
                group.getMessage());
    }

    @Test
    void the_shipped_daily_job_spells_out_every_default() {
        JobDefinition daily = JobDefinitions.load(Path.of("jobs")).stream()
                .filter(j -> j.name().equals("daily"))
                .findFirst()
                .orElseThrow();
        JobDefinition minimal =
                only(write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily")));

        assertEquals(minimal.retry(), daily.retry());
        assertEquals(new RetryPolicy(2, Duration.ofMinutes(10), Duration.ofMinutes(15)), minimal.retry());
        assertEquals(true, minimal.enabled());
        assertEquals(Optional.empty(), minimal.gateTimeout());
        assertEquals(ZoneId.of("UTC"), daily.timeZone());
    }

    @Test
    void a_job_of_views_keeps_their_order_and_its_own_gate_timeout_and_retries() {
        Path file = write(
                "stock.conf",
                job(
                        "cron = \"0 15 6 ? * MON-FRI\"",
                        "time-zone = \"Europe/Berlin\"",
                        "views = [\"inventory_analytics.stock_levels\", \"analytics.daily_kpis\"]",
                        "gate-timeout = 30m",
                        "retry { failed-attempts = 0, backoff = 1m, skipped-backoff = 5m }",
                        "enabled = false"));

        assertEquals(
                new JobDefinition(
                        "stock",
                        "0 15 6 ? * MON-FRI",
                        ZoneId.of("Europe/Berlin"),
                        Optional.empty(),
                        List.of("inventory_analytics.stock_levels", "analytics.daily_kpis"),
                        Optional.of(Duration.ofMinutes(30)),
                        new RetryPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(5)),
                        false,
                        file.toString()),
                only(file));
    }

    @Test
    void a_partial_retry_block_keeps_the_other_defaults() {
        JobDefinition job = only(write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "retry.failed-attempts = 5")));
        assertEquals(new RetryPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(15)), job.retry());
    }

    @Test
    void a_job_coalesces_late_firings_only_when_its_file_says_so() {
        JobDefinition plain =
                only(write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily")));
        Path live = write(
                "live.conf", job("cron = \"0/2 * * * * ?\"", "time-zone = UTC", "group = daily", "coalesce = true"));

        assertEquals(false, plain.coalesce());
        assertEquals(
                true,
                JobDefinitions.load(live.getParent()).stream()
                        .filter(j -> j.name().equals("live"))
                        .findFirst()
                        .orElseThrow()
                        .coalesce());
    }

    @Test
    void jobs_are_sorted_by_name_and_other_files_are_ignored() {
        write("weekly.conf", job("cron = \"0 0 3 ? * MON\"", "time-zone = UTC", "group = weekly"));
        write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily"));
        write("README.md", "not a job");
        write("daily.conf.orig", "not a job either");

        assertEquals(
                List.of("daily", "weekly"),
                JobDefinitions.load(dir).stream().map(JobDefinition::name).toList());
    }

    // ---- one exact message per mistake -------------------------------------------------

    @Test
    void a_cron_that_is_not_quartz_is_named_with_quartz_reason() {
        Path file = write("daily.conf", job("cron = \"not a cron\"", "time-zone = UTC", "group = daily"));
        assertFails(
                file + ":2: job.cron: 'not a cron' is not a Quartz cron expression"
                        + " (Illegal characters for this position: 'NOT')",
                file);
    }

    @Test
    void a_crontab_line_is_told_that_quartz_starts_with_seconds() {
        Path file = write("daily.conf", job("cron = \"0 2 * * *\"", "time-zone = UTC", "group = daily"));
        assertFails(
                file + ":2: job.cron: '0 2 * * *' is not a Quartz cron expression (Unexpected end of expression.);"
                        + " Quartz cron starts with seconds and has 6 or 7 fields, such as '0 0 2 * * ?'",
                file);
    }

    @Test
    void a_cron_with_both_day_fields_set_is_rejected_as_quartz_does() {
        Path file = write("daily.conf", job("cron = \"0 0 2 * * *\"", "time-zone = UTC", "group = daily"));
        assertFails(
                file + ":2: job.cron: '0 0 2 * * *' is not a Quartz cron expression"
                        + " (Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.)",
                file);
    }

    @Test
    void a_missing_cron_is_named() {
        Path file = write("daily.conf", job("time-zone = UTC", "group = daily"));
        assertFails(file + ": job.cron: is required but missing", file);
    }

    @Test
    void an_unknown_time_zone_is_named() {
        Path file =
                write("weekly.conf", job("cron = \"0 0 3 ? * MON\"", "time-zone = \"Mars/Base\"", "group = weekly"));
        assertFails(file + ":3: job.time-zone: unknown time zone 'Mars/Base'", file);
    }

    @Test
    void a_fixed_offset_is_not_a_time_zone() {
        Path file = write("weekly.conf", job("cron = \"0 0 3 ? * MON\"", "time-zone = \"+02:00\"", "group = weekly"));
        assertFails(
                file + ":3: job.time-zone: '+02:00' is a fixed offset; use a region such as Europe/Berlin, or UTC",
                file);
    }

    @Test
    void a_mistyped_key_is_named_with_the_keys_that_exist() {
        Path file = write("daily.conf", job("crn = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily"));
        assertFails(
                file
                        + ":2: job.crn: unknown key; known here: cron, time-zone, action, group, views, repair, directory,"
                        + " gate-timeout, retry, coalesce, enabled",
                file);
    }

    @Test
    void a_verify_job_may_name_no_group_and_repairs_only_when_asked() {
        JobDefinition verify =
                only(write("verify.conf", job("cron = \"0 0 5 ? * SUN\"", "time-zone = UTC", "action = verify")));
        assertEquals(JobDefinition.Action.VERIFY, verify.action());
        assertEquals(Optional.empty(), verify.group());
        assertEquals(false, verify.repair());

        JobDefinition repairing = only(write(
                "verify.conf",
                job(
                        "cron = \"0 0 5 ? * SUN\"",
                        "time-zone = UTC",
                        "action = verify",
                        "group = daily",
                        "repair = true")));
        assertEquals(Optional.of("daily"), repairing.group());
        assertEquals(true, repairing.repair());
    }

    @Test
    void an_unknown_action_is_named() {
        Path file = write("verify.conf", job("cron = \"0 0 5 ? * SUN\"", "time-zone = UTC", "action = check"));
        assertFails(file + ":4: job.action: expected refresh, verify or backup, got 'check'", file);
    }

    @Test
    void repair_on_a_refresh_job_is_a_contradiction() {
        Path file =
                write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "repair = true"));
        assertFails(file + ":5: job.repair: only a verify job repairs; set action = verify or remove repair", file);
    }

    @Test
    void a_mistyped_retry_key_is_named() {
        Path file = write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "retry {", "  attempts = 3", "}"));
        assertFails(
                file + ":6: job.retry.attempts: unknown key; known here: failed-attempts, backoff, skipped-backoff",
                file);
    }

    @Test
    void a_key_outside_job_is_unknown() {
        Path file = write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily") + "jobs.enabled = false\n");
        assertFails(file + ":6: jobs: unknown key; known here: job", file);
    }

    @Test
    void group_and_views_together_are_a_contradiction() {
        Path file = write(
                "daily.conf",
                job(
                        "cron = \"0 0 2 * * ?\"",
                        "time-zone = UTC",
                        "group = daily",
                        "views = [\"order_analytics.daily_orders\"]"));
        assertFails(file + ":5: job.views: set either group or views, not both", file);
    }

    @Test
    void neither_group_nor_views_is_an_error() {
        Path file = write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC"));
        assertFails(file + ":1: job: set either group or views", file);
    }

    @Test
    void a_view_name_that_is_not_schema_dot_name_is_rejected_at_its_line() {
        Path file = write(
                "stock.conf",
                job(
                        "cron = \"0 0 2 * * ?\"",
                        "time-zone = UTC",
                        "views = [",
                        "  \"order_analytics.daily_orders\",",
                        "  \"orders; DROP TABLE wms.orders\"",
                        "]"));
        assertFails(
                file + ":6: job.views: 'orders; DROP TABLE wms.orders' is not a view name;"
                        + " use schema.view (lower-case letters, digits and _)",
                file);
    }

    @Test
    void a_view_listed_twice_is_rejected() {
        Path file = write(
                "stock.conf",
                job(
                        "cron = \"0 0 2 * * ?\"",
                        "time-zone = UTC",
                        "views = [\"analytics.daily_kpis\", \"analytics.daily_kpis\"]"));
        assertFails(file + ":4: job.views: 'analytics.daily_kpis' is listed twice", file);
    }

    @Test
    void an_empty_list_of_views_is_rejected() {
        Path file = write("stock.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "views = []"));
        assertFails(file + ":4: job.views: name at least one view, or use group", file);
    }

    @Test
    void a_group_name_that_cannot_exist_is_rejected() {
        Path file = write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = \"Daily Views\""));
        assertFails(file + ":4: job.group: 'Daily Views' is not a group name (lower-case letters, digits and _)", file);
    }

    @Test
    void a_file_name_that_is_not_a_job_name_is_rejected() {
        Path file = write("Daily Refresh.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily"));
        assertFails(
                file + ": 'Daily Refresh' is not a job name: the file name without .conf must match [a-z][a-z0-9_-]*",
                file);
    }

    @Test
    void a_value_of_the_wrong_type_is_named_with_the_value() {
        Path file = write(
                "daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "enabled = maybe"));
        assertFails(file + ":5: job.enabled: expected true or false, got \"maybe\"", file);
    }

    @Test
    void a_negative_number_of_retries_is_rejected() {
        Path file = write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "retry.failed-attempts = -1"));
        assertFails(file + ":5: job.retry.failed-attempts: must be 0 or more, got -1", file);
    }

    @Test
    void a_zero_backoff_is_rejected() {
        Path file = write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "retry { skipped-backoff = 0s }"));
        assertFails(file + ":5: job.retry.skipped-backoff: must be longer than zero, got \"0s\"", file);
    }

    @Test
    void retry_must_be_an_object() {
        Path file = write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "retry = 3"));
        assertFails(
                file
                        + ":5: job.retry: expected an object { failed-attempts = ..., backoff = ..., skipped-backoff = ... },"
                        + " got 3",
                file);
    }

    @Test
    void a_malformed_gate_timeout_is_named() {
        Path file = write(
                "daily.conf",
                job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily", "gate-timeout = \"half an hour\""));
        assertFails(
                file + ":5: job.gate-timeout: expected a duration such as 30s, 10m or 2h, got \"half an hour\"", file);
    }

    @Test
    void a_syntax_error_names_the_file_and_line() {
        Path file = write("daily.conf", "job {\n  cron = \"0 0 2 * * ?\"\n  views = [\n");
        assertFails(
                file + ":4: List should have ] or a first element after the open [, instead had token: end of file"
                        + " (if you want end of file to be part of a string value, then double-quote it)",
                file);
    }

    @Test
    void an_empty_directory_is_an_error() {
        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.load(dir));
        assertEquals(
                dir + ": wms-analytics.scheduler.jobs-dir: no job files (*.conf) in the directory", e.getMessage());
    }

    @Test
    void a_missing_directory_is_an_error() {
        Path missing = dir.resolve("nope");
        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.load(missing));
        assertEquals(missing + ": wms-analytics.scheduler.jobs-dir: the directory does not exist", e.getMessage());
    }

    @Test
    void a_file_instead_of_a_directory_is_an_error() {
        Path file = write("daily.conf", job("cron = \"0 0 2 * * ?\"", "time-zone = UTC", "group = daily"));
        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.load(file));
        assertEquals(file + ": wms-analytics.scheduler.jobs-dir: not a directory", e.getMessage());
    }

    // ---- helpers -----------------------------------------------------------------------

    /** A job file: {@code job {} on line 1, the given lines from line 2 on. */
    private static String job(String... lines) {
        return "job {\n" + String.join("\n", lines) + "\n}\n";
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobDefinition only(Path file) {
        List<JobDefinition> jobs = JobDefinitions.load(file.getParent());
        assertEquals(1, jobs.size(), jobs.toString());
        return jobs.get(0);
    }

    private void assertFails(String message, Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.load(file.getParent()));
        assertEquals(message, e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
