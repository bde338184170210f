package com.wmsanalytics.cli;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.history.RunRecord;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.JobDefinitions;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.TextTable;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import org.quartz.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the scheduled jobs.",
            "",
            "Every job of the jobs directory with its cron, time zone, views, next fire time and last run."
        })
final class JobsCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print the jobs as JSON on stdout.")
    boolean json;

    /** One job as {@code jobs} shows it. */
    record JobLine(
            String job,
            String cron,
            String timeZone,
            String views,
            boolean enabled,
            Optional<Instant> nextFire,
            Optional<Long> lastRunId,
            Optional<String> lastStatus,
            Optional<Instant> lastStartedAt) {}

    @Override
    public Integer call() {
        AppConfig config = root.context().loadConfig(options);
        List<JobDefinition> jobs = JobDefinitions.load(config.scheduler().jobsDir());
        try (WmsAnalytics app = new WmsAnalytics(config, root.context().clock())) {
            Instant now = root.context().clock().instant();
            List<JobLine> lines = jobs.stream()
                    .map(j -> line(j, app.latestRun(j.name()), now))
                    .toList();
            Terminal terminal = root.context().terminal();
            if (json) {
                terminal.printLines(Json.write(lines));
                return 0;
            }
            TextTable table = new TextTable("job", "cron", "time zone", "views", "next fire", "last run", "status");
            lines.forEach(l -> table.row(
                    l.job() + (l.enabled() ? "" : " (disabled)"),
                    l.cron(),
                    l.timeZone(),
                    l.views(),
                    Formats.time(l.nextFire()),
                    Formats.time(l.lastStartedAt()),
                    l.lastStatus().orElse(null)));
            table.lines().forEach(terminal::println);
            return 0;
        }
    }

    private static JobLine line(JobDefinition job, Optional<RunRecord> last, Instant now) {
        return new JobLine(
                job.name(),
                job.cron(),
                job.timeZone().getId(),
                job.directory()
                        .map(d -> "backup to " + d)
                        .orElseGet(() -> job.group().map(g -> "group " + g).orElse(String.join(", ", job.views()))),
                job.enabled(),
                job.enabled() ? nextFire(job, now) : Optional.empty(),
                last.map(RunRecord::runId),
                last.map(r -> Formats.lower(r.status())),
                last.map(RunRecord::startedAt));
    }

    /** The next fire time as Quartz computes it for the job's cron and time zone. */
    static Optional<Instant> nextFire(JobDefinition job, Instant now) {
        try {
            CronExpression cron = new CronExpression(job.cron());
            cron.setTimeZone(TimeZone.getTimeZone(job.timeZone()));
            return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(now)))
                    .map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
