package com.wmsanalytics.cli;

import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.replication.NodeStatus;
import com.wmsanalytics.replication.StandbyReplay;
import com.wmsanalytics.replication.SubscriptionState;
import com.wmsanalytics.service.StatusReport;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the nodes, the subscriptions and the views' freshness.", "",
                "Per node (the replica and each publisher): its role, primary or standby, and on a writable node its"
                        + " physical standbys with their replay lag. Per subscription: its state, bytes behind, apply"
                        + " errors and slot. Per view: its last success, the data as of, the duration and the last"
                        + " status."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand RootCommand root;
    @Mixin CommonOptions options;

    @Option(names = "--json", description = "Print the status as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            StatusReport status = app.status();
            if (json) {
                terminal.printLines(Json.write(status));
                return 0;
            }
            printNodes(status, terminal);
            TextTable subs = new TextTable("subscription", "publisher", "state", "behind", "apply errors", "slot");
            for (SubscriptionState s : status.subscriptions()) {
                subs.row(s.subscription(), s.publisher(), s.state(), s.bytesBehind().map(Durations::bytes).orElse("-"),
                        s.applyErrors().orElse(null), s.slotStatus().orElse(null));
            }
            subs.lines().forEach(terminal::println);
            terminal.println("");
            TextTable views = new TextTable("view", "group", "last success", "data as of", "duration", "last status");
            for (Freshness f : status.views()) {
                views.row(f.viewSchema() + "." + f.viewName(), f.group().orElse(null), Formats.time(f.lastSuccessAt()),
                        Formats.time(f.dataAsOf()), f.lastDuration().map(Durations::human).orElse(null), f.lastStatus().orElse(null));
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
                standbys.row(n.node(), s.name(), s.client().orElse(null), s.state(),
                        s.bytesBehind().map(Durations::bytes).orElse(null), s.replayLag().map(Durations::human).orElse(null));
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
