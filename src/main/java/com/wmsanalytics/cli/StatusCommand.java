package com.wmsanalytics.cli;

import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.history.Freshness;
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
        description = {"Shows each subscription (state, bytes and seconds behind, apply errors, its slot's status,",
                "retained WAL and safe WAL size) and each view",
                "(last refresh, data as of, freshness against its objective).",
                "With --check: one line per report that is not fresh (with --json, those reports); exit 0",
                "when all are fresh, 10 on a warning (or a report never refreshed through the gate), 11 on an error."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand RootCommand root;
    @Mixin CommonOptions options;

    @Option(names = "--json", description = "Print the status as JSON on stdout; with --check, the reports that are not fresh.")
    boolean json;

    @Option(names = "--check", description = "Check each report's freshness against its objective, for a monitor:"
            + " one line per report that is not fresh, exit 0 (all fresh), 10 (warning) or 11 (error).")
    boolean check;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            if (check) {
                FreshnessCheck result = new FreshnessCheck(app.freshnessStates());
                if (json) {
                    terminal.println(Json.write(result.notFresh()));
                } else {
                    result.lines().forEach(terminal::println);
                }
                return result.exitCode().code();
            }
            StatusReport status = app.status();
            if (json) {
                terminal.println(Json.write(status));
                return 0;
            }
            TextTable subs = new TextTable("subscription", "publisher", "state", "behind", "replay lag", "apply errors", "slot",
                    "retained WAL", "safe WAL");
            for (SubscriptionState s : status.subscriptions()) {
                subs.row(s.subscription(), s.publisher(), s.state(), s.bytesBehind().map(Durations::bytes).orElse("-"),
                        s.replayLag().map(Durations::human).orElse(null), s.applyErrors().orElse(null),
                        s.slotStatus().orElse(null), s.retainedWal().map(Durations::bytes).orElse(null),
                        s.slotStatus().isEmpty() ? null : s.safeWalSize().map(Durations::bytes).orElse("unlimited"));
            }
            subs.lines().forEach(terminal::println);
            terminal.println("");
            TextTable views = new TextTable("view", "group", "last success", "data as of", "duration", "last status",
                    "freshness", "age / objective");
            for (int i = 0; i < status.views().size(); i++) {
                Freshness f = status.views().get(i);
                ReportFreshness r = status.freshness().get(i);
                views.row(r.view(), f.group().orElse(null), Formats.time(f.lastSuccessAt()), Formats.time(f.dataAsOf()),
                        f.lastDuration().map(Durations::human).orElse(null), f.lastStatus().orElse(null), r.state().label(),
                        Formats.ageAgainst(r));
            }
            views.lines().forEach(terminal::println);
            return 0;
        }
    }
}
