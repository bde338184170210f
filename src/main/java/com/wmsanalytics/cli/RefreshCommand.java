package com.wmsanalytics.cli;

import com.wmsanalytics.refresh.BucketCounts;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "refresh",
        mixinStandardHelpOptions = true,
        description = {
            "Refreshes views once the replica has caught up.",
            "",
            "Waits until the replica has caught up with every publisher as of now, then refreshes a group of views,"
                    + " or the views named, in dependency order and CONCURRENTLY where they can. The run is"
                    + " recorded in the history."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:a view failed",
            "2:bad usage or configuration",
            "3:the replica did not catch up; nothing was" + " refreshed",
            "4:another refresh holds a view's lock",
            "5:a server cannot be reached",
            "7:the replica is a standby (in recovery)",
            "8:a subscription skipped transactions after a promotion; run setup --resync"
        })
final class RefreshCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--group", paramLabel = "GROUP", description = "A refresh group: daily, weekly or monthly.")
        String group;

        // arity 1..*: in an exclusive group, picocli otherwise takes one positional per group
        // occurrence and refuses the second name as unmatched.
        @Parameters(paramLabel = "VIEW", arity = "1..*", description = "Views to refresh, as schema.view.")
        List<String> views;
    }

    @Option(
            names = "--gate-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long to wait for the replica to catch up (default: gate.timeout).")
    Duration gateTimeout;

    @Option(
            names = "--no-gate",
            description = "Refresh without waiting for the replica; the run is recorded as ungated.")
    boolean noGate;

    @Option(names = "--full", description = "Rebuild incremental reports from their whole definition.")
    boolean full;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            RefreshRequest request = RefreshRequest.adhoc(
                            Optional.ofNullable(target.group),
                            target.views == null ? List.of() : target.views,
                            Optional.ofNullable(gateTimeout),
                            !noGate)
                    .withFull(full);
            RefreshReport report = app.refresh(request, new RefreshConsole(terminal));
            terminal.endProgress();
            if (json) {
                terminal.printLines(Json.write(RefreshJson.of(report)));
            } else {
                print(report, terminal);
            }
            return report.exitCode().code();
        }
    }

    static TextTable viewTable(RefreshReport report) {
        TextTable table = new TextTable("view", "mode", "status", "rows", "buckets", "time");
        for (ReportOutcome o : report.views()) {
            table.row(
                    o.view().qualified(),
                    o.mode().label(),
                    Formats.lower(o.status()),
                    Formats.count(o.rows()),
                    Formats.count(o.buckets().map(BucketCounts::buckets)),
                    o.duration().map(Durations::human).orElse("-"));
        }
        return table;
    }

    private static void print(RefreshReport report, Terminal terminal) {
        report.gate()
                .ifPresent(g -> terminal.println(
                        g.satisfied()
                                ? "gate: caught up in " + Durations.human(g.waited()) + ", data as of "
                                        + Formats.time(g.dataAsOf())
                                : "gate: not satisfied: " + g.reason().orElse("")));
        if (!report.views().isEmpty()) {
            viewTable(report).lines().forEach(terminal::println);
        }
        terminal.println("run " + report.runId() + " " + Formats.lower(report.status()) + " in "
                + Durations.human(report.elapsed())
                + report.error().map(e -> ": " + e).orElse(""));
    }
}
