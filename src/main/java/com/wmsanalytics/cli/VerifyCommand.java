package com.wmsanalytics.cli;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.refresh.ReportVerifier;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.TextTable;
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
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks incremental reports against their definitions.",
            "",
            "Recomputes every bucket of each incremental report from its full definition in a read-only"
                    + " transaction and compares it with the table. Buckets the next refresh recomputes anyway are"
                    + " not compared."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every report equals its definition, or was repaired",
            "1:a bucket differs",
            "2:bad usage or configuration",
            "5:a server cannot be reached",
            "7:the replica is a standby (in recovery)"
        })
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--group", paramLabel = "GROUP", description = "Only the reports of a refresh group.")
        String group;

        // arity 1..*: in an exclusive group, picocli otherwise takes one name per group occurrence.
        @Parameters(
                paramLabel = "VIEW",
                arity = "1..*",
                description = "Reports to check, as schema.view (default: all).")
        List<String> views;
    }

    @Option(names = "--repair", description = "Recompute the buckets that differ.")
    boolean repair;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    record CheckJson(
            String view,
            String status,
            long bucketsCompared,
            long bucketsPending,
            List<String> differingBuckets,
            Optional<String> reason) {}

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            List<ReportVerifier.Check> checks = app.verify(
                    Optional.ofNullable(target).map(t -> t.group),
                    target == null || target.views == null ? List.of() : target.views,
                    repair);
            if (json) {
                terminal.printLines(
                        Json.write(checks.stream().map(VerifyCommand::json).toList()));
            } else {
                print(checks, terminal);
            }
            return checks.stream().anyMatch(VerifyCommand::unresolved) ? ExitCode.FAILED.code() : ExitCode.OK.code();
        }
    }

    private static boolean unresolved(ReportVerifier.Check c) {
        return c.status() == ReportVerifier.Status.DIFFERS || c.status() == ReportVerifier.Status.LOCKED;
    }

    private static CheckJson json(ReportVerifier.Check c) {
        return new CheckJson(
                c.report().qualified(),
                Formats.lower(c.status()),
                c.bucketsCompared(),
                c.bucketsPending(),
                c.differing(),
                c.reason());
    }

    private static void print(List<ReportVerifier.Check> checks, Terminal terminal) {
        TextTable table = new TextTable("report", "status", "compared", "pending", "differing buckets");
        for (ReportVerifier.Check c : checks) {
            boolean skipped = c.status() == ReportVerifier.Status.SKIPPED;
            table.row(
                    c.report().qualified(),
                    Formats.lower(c.status()),
                    skipped ? null : Long.toString(c.bucketsCompared()),
                    skipped ? null : Long.toString(c.bucketsPending()),
                    c.differing().isEmpty() ? c.reason().orElse(null) : buckets(c.differing()));
        }
        table.lines().forEach(terminal::println);
        long differing = checks.stream().filter(VerifyCommand::unresolved).count();
        long repaired = checks.stream()
                .filter(c -> c.status() == ReportVerifier.Status.REPAIRED)
                .count();
        terminal.println(
                differing > 0
                        ? differing + " report(s) differ from their definition; `verify --repair` recomputes them"
                        : repaired > 0
                                ? repaired + " report(s) repaired; their readers are recomputed by the next refresh"
                                : "every incremental report equals its definition");
    }

    /** The first buckets (dates, or the keys of a report kept by key) that differ. */
    private static String buckets(List<String> buckets) {
        List<String> shown = buckets.stream().limit(5).toList();
        return String.join(", ", shown) + (buckets.size() > 5 ? " and " + (buckets.size() - 5) + " more" : "");
    }
}
