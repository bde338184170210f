package com.wmsanalytics.cli;

import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.gate.SubscriptionState;
import com.wmsanalytics.replication.server.NodeStatus;
import com.wmsanalytics.replication.server.StandbyReplay;
import com.wmsanalytics.service.StatusReport;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the nodes, the subscriptions and the views' freshness.",
            "",
            "Per node (the replica and each publisher): its role, primary or standby, and on a writable node its"
                    + " physical standbys with their replay lag. Per subscription: its state, bytes and seconds"
                    + " behind, apply errors, and its slot's status, retained WAL and safe WAL size. Per view: its"
                    + " last refresh, the data as of and its freshness against its objective.",
            "With --check: one line per report that is not fresh (with --json, those reports); exit 0 when all"
                    + " are fresh, 10 on a warning (or a report never refreshed through the gate), 11 on an error."
        })
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(
            names = "--json",
            description = "Print the status as JSON on stdout; with --check, the reports that are not fresh.")
    boolean json;

    @Option(
            names = "--check",
            description = "Check each report's freshness against its objective, for a monitor:"
                    + " one line per report that is not fresh, exit 0 (all fresh), 10 (warning) or 11 (error).")
    boolean check;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            if (check) {
                FreshnessCheck result = new FreshnessCheck(app.freshnessStates());
                if (json) {
                    terminal.printLines(Json.write(result.notFresh()));
                } else {
                    result.lines().forEach(terminal::println);
                }
                return result.exitCode().code();
            }
            StatusReport status = app.status();
            if (json) {
                terminal.printLines(Json.write(status));
                return 0;
            }
            printNodes(status, terminal);
            TextTable subs = new TextTable(
                    "subscription",
                    "publisher",
                    "state",
                    "behind",
                    "replay lag",
                    "apply errors",
                    "slot",
                    "retained WAL",
                    "safe WAL");
            for (SubscriptionState s : status.subscriptions()) {
                subs.row(
                        s.subscription(),
                        s.publisher(),
                        s.state(),
                        s.bytesBehind().map(Durations::bytes).orElse("-"),
                        s.replayLag().map(Durations::human).orElse(null),
                        s.applyErrors().orElse(null),
                        s.slotStatus().orElse(null),
                        s.retainedWal().map(Durations::bytes).orElse(null),
                        s.slotStatus().isEmpty()
                                ? null
                                : s.safeWalSize().map(Durations::bytes).orElse("unlimited"));
            }
            subs.lines().forEach(terminal::println);
            status.subscriptions().forEach(s -> s.gap().ifPresent(gap -> terminal.println("refused: " + gap)));
            terminal.println("");
            TextTable views = new TextTable(
                    "view",
                    "group",
                    "last success",
                    "data as of",
                    "duration",
                    "last status",
                    "freshness",
                    "age / objective");
            for (int i = 0; i < status.views().size(); i++) {
                Freshness f = status.views().get(i);
                ReportFreshness r = status.freshness().get(i);
                views.row(
                        r.view(),
                        f.group().orElse(null),
                        Formats.time(f.lastSuccessAt()),
                        Formats.time(f.dataAsOf()),
                        f.lastDuration().map(Durations::human).orElse(null),
                        f.lastStatus().orElse(null),
                        r.state().label(),
                        Formats.ageAgainst(r));
            }
            views.lines().forEach(terminal::println);
            return 0;
        }
    }

    /** Each node's role, then the physical standbys of the writable nodes with their replay lag. */
    private static void printNodes(StatusReport status, Terminal terminal) {
        TextTable nodes = new TextTable("node", "address", "role", "replays from");
        TextTable standbys = new TextTable("standby of", "standby", "client", "state", "replay behind", "replay lag");
        for (NodeStatus n : status.nodes()) {
            nodes.row(n.node(), n.address(), n.role(), n.upstream().orElse(null));
            for (StandbyReplay s : n.standbys()) {
                standbys.row(
                        n.node(),
                        s.name(),
                        s.client().orElse(null),
                        s.state(),
                        s.bytesBehind().map(Durations::bytes).orElse(null),
                        s.replayLag().map(Durations::human).orElse(null));
            }
        }
        nodes.lines().forEach(terminal::println);
        terminal.println("");
        if (status.nodes().stream().anyMatch(n -> !n.standbys().isEmpty())) {
            standbys.lines().forEach(terminal::println);
            terminal.println("");
        }
    }
}
