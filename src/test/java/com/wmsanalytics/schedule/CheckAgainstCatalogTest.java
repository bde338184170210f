package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wmsanalytics.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobDefinitions#checkAgainst}: the groups and views of the jobs must exist on the replica. */
class CheckAgainstCatalogTest {

    private static final Set<String> GROUPS = Set.of("daily", "weekly", "monthly");
    private static final Set<String> VIEWS = Set.of("order_analytics.daily_orders", "customer_analytics.monthly_rfm");

    @TempDir
    Path dir;

    @Test
    void jobs_whose_groups_and_views_exist_pass() throws IOException {
        write("daily.conf", "job {\n  cron = \"0 0 2 * * ?\"\n  time-zone = UTC\n  group = daily\n}\n");
        write(
                "orders.conf",
                "job {\n  cron = \"0 0 5 * * ?\"\n  time-zone = UTC\n  views = [\"order_analytics.daily_orders\"]\n}\n");
        List<JobDefinition> jobs = JobDefinitions.load(dir);

        JobDefinitions.checkAgainst(jobs, GROUPS, VIEWS);

        assertEquals(2, jobs.size());
    }

    @Test
    void an_unknown_view_is_named_at_its_line() throws IOException {
        Path file = write(
                "monthly.conf",
                "job {\n  cron = \"0 0 4 1 * ?\"\n  time-zone = UTC\n"
                        + "  views = [\"customer_analytics.monthly_rfm\",\n    \"order_analytics.nope\"]\n}\n");
        List<JobDefinition> jobs = JobDefinitions.load(dir);

        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.checkAgainst(jobs, GROUPS, VIEWS));
        assertEquals(file + ":5: job.views: unknown view 'order_analytics.nope'", e.getMessage());
    }

    @Test
    void an_unknown_group_is_named_with_the_groups_that_exist() throws IOException {
        Path file = write("daily.conf", "job {\n  cron = \"0 0 2 * * ?\"\n  time-zone = UTC\n  group = dialy\n}\n");
        List<JobDefinition> jobs = JobDefinitions.load(dir);

        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.checkAgainst(jobs, GROUPS, VIEWS));
        assertEquals(file + ":4: job.group: unknown group 'dialy'; groups: daily, monthly, weekly", e.getMessage());
    }

    @Test
    void a_disabled_job_is_checked_too() throws IOException {
        Path file = write(
                "daily.conf",
                "job {\n  cron = \"0 0 2 * * ?\"\n  time-zone = UTC\n  group = hourly\n  enabled = false\n}\n");
        List<JobDefinition> jobs = JobDefinitions.load(dir);

        ConfigException e = assertThrows(ConfigException.class, () -> JobDefinitions.checkAgainst(jobs, GROUPS, VIEWS));
        assertEquals(file + ":4: job.group: unknown group 'hourly'; groups: daily, monthly, weekly", e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
