package com.wmsanalytics.cli;

import com.wmsanalytics.service.ReportInfo;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.TextTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "views",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the reports and how each is refreshed.",
            "",
            "Every report with its group, refresh mode (incremental, concurrent or plain) and why it has that"
                    + " mode, what it reads (reports and mirror tables) and the reports that read it, its last"
                    + " refresh and its freshness. With --dot, the same lineage as a Graphviz graph."
        })
final class ViewsCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print the views as JSON on stdout.")
    boolean json;

    @Option(
            names = "--dot",
            description = "Print the lineage as a Graphviz graph: each report and mirror table, with an edge from"
                    + " what is read to the report that reads it (dot -Tsvg to draw it).")
    boolean dot;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            List<ReportInfo> views = app.views();
            if (json) {
                terminal.printLines(Json.write(views));
                return 0;
            }
            if (dot) {
                LineageGraph.dot(views).forEach(terminal::println);
                return 0;
            }
            TextTable table = new TextTable(
                    "view",
                    "group",
                    "mode",
                    "why",
                    "reads",
                    "read by",
                    "last success",
                    "last status",
                    "data as of",
                    "freshness");
            views.forEach(v -> table.row(
                    v.view(),
                    list(v.groups()),
                    v.mode(),
                    v.modeReason(),
                    list(java.util.stream.Stream.concat(v.dependsOn().stream(), v.sources().stream())
                            .toList()),
                    list(v.readBy()),
                    Formats.time(v.lastSuccessAt()),
                    v.lastStatus().orElse(null),
                    Formats.time(v.dataAsOf()),
                    v.freshness().label()));
            table.lines().forEach(terminal::println);
            return 0;
        }
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }
}
