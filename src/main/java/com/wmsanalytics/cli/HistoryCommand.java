package com.wmsanalytics.cli;

import com.wmsanalytics.UsageException;
import com.wmsanalytics.history.ReportStatus;
import com.wmsanalytics.history.RunRecord;
import com.wmsanalytics.history.RunSummary;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Lists past runs, newest first.",
            "",
            "Each run with who asked for it, the gate's wait, the outcome and the data as of. Scheduled runs"
                    + " that succeeded are folded into one summary per job and hour once older than"
                    + " history.summarize-after: --summaries lists those."
        })
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--view", paramLabel = "VIEW", description = "Only runs that refreshed this view (schema.view).")
    String view;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only runs of this group's job.")
    String group;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Only runs started within this long, e.g. 7d.")
    Duration since;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the runs as JSON on stdout.")
    boolean json;

    @Option(
            names = "--summaries",
            description = "List the hourly summaries of folded runs instead of the runs: per job and hour, the runs,"
                    + " the fire times they ran for, the median and longest run, the longest gate wait and the"
                    + " oldest data a run finished with. --group, --since and --limit apply; --view does not.")
    boolean summaries;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, got " + limit);
        }
        if (summaries && view != null) {
            throw new UsageException("--view cannot be combined with --summaries: a summary counts a job's runs");
        }
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            if (summaries) {
                List<RunSummary> hours =
                        app.historySummaries(Optional.ofNullable(group), Optional.ofNullable(since), limit);
                if (json) {
                    terminal.printLines(Json.write(hours));
                } else {
                    summaryTable(hours).lines().forEach(terminal::println);
                }
                return 0;
            }
            List<RunRecord> runs = app.history(
                    Optional.ofNullable(view), Optional.ofNullable(group), Optional.ofNullable(since), limit);
            if (json) {
                terminal.printLines(Json.write(runs));
                return 0;
            }
            table(runs).lines().forEach(terminal::println);
            return 0;
        }
    }

    static TextTable table(List<RunRecord> runs) {
        TextTable table = new TextTable(
                "run", "job", "trigger", "by", "started", "status", "views", "gate wait", "data as of", "error");
        runs.forEach(r -> table.row(
                r.runId(),
                r.job(),
                Formats.lower(r.trigger()),
                r.requestedBy() + "@" + r.host(),
                Formats.time(r.startedAt()),
                Formats.lower(r.status()),
                views(r),
                r.gateWaited().map(Durations::human).orElse(null),
                Formats.time(r.dataAsOf()),
                r.error().orElse(null)));
        return table;
    }

    static TextTable summaryTable(List<RunSummary> hours) {
        TextTable table = new TextTable(
                "hour",
                "job",
                "runs",
                "fire times",
                "median",
                "longest",
                "gate wait max",
                "data age max",
                "last data as of");
        hours.forEach(h -> table.row(
                Formats.time(h.hourStart()),
                h.job(),
                h.runs(),
                h.fireTimes(),
                Durations.human(h.durationMedian()),
                Durations.human(h.durationMax()),
                h.gateWaitedMax().map(Durations::human).orElse(null),
                h.dataAgeMax().map(Durations::human).orElse(null),
                Formats.time(h.lastDataAsOf())));
        return table;
    }

    private static String views(RunRecord r) {
        long ok = r.views().stream()
                .filter(v -> v.status() == ReportStatus.SUCCEEDED)
                .count();
        return ok + "/" + r.views().size();
    }
}
