package com.wmsanalytics.cli;

import com.wmsanalytics.UsageException;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.preflight.PreflightFailedException;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.WmsAnalytics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Checks both sides, then sets up logical replication.",
            "",
            "Checks that every publisher and the replica are fit for logical replication, then creates or brings"
                    + " up to date one publication per publisher and one subscription per publisher on the replica,"
                    + " and waits until every table has finished its initial copy. Running it twice changes nothing"
                    + " the second time.",
            "",
            "With failover = true on a publisher (PostgreSQL 17), the subscription's slot is synchronised to the"
                    + " publisher's standby, and the standby's settings are checked on every host of a multi-host url."
                    + " After the publisher fails over, setup points the subscription at the one writable host once it has"
                    + " checked that the slot is usable there."
        })
final class SetupCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--check", description = "Run the preflight checks only and change nothing.")
    boolean check;

    @Option(
            names = "--resync",
            description = {
                "Copy again the tables of every subscription that skipped transactions"
                        + " after a promotion of the replica, or whose slot did not survive its publisher's failover: drops the"
                        + " subscription and its slot, empties its mirror tables and creates it anew. Its incremental reports are"
                        + " rebuilt in full by their next refresh."
            })
    boolean resync;

    @Option(
            names = "--switchover",
            description = {
                "Prepare a planned switchover of the replica to one of its physical standbys: disables every"
                        + " subscription, records where each stopped, and waits until the standbys streaming from"
                        + " this node have replayed that record. Then stop this node, promote the standby, and run"
                        + " setup there: it checks the record and resumes the subscriptions. A promotion without"
                        + " this step is refused until setup --resync."
            })
    boolean switchover;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            if (check && (resync || switchover)) {
                throw new UsageException(
                        "--check cannot be combined with --resync or --switchover: --check changes" + " nothing");
            }
            if (resync && switchover) {
                throw new UsageException("--resync and --switchover cannot be combined: run --switchover on the node"
                        + " you leave, and setup on the node you promote");
            }
            if (!check) {
                app.requireWritable();
            }
            app.preflightWarnings().forEach(w -> terminal.error("warning: " + w.line()));
            if (check) {
                return preflight(app, terminal);
            }
            if (switchover) {
                app.switchover(listener(terminal)).stream()
                        .filter(line -> line.startsWith("standby ") || line.startsWith("no standby "))
                        .forEach(terminal::println);
                terminal.println("setup --switchover: the subscriptions are stopped; stop this node, promote the"
                        + " standby, then run 'wms-analytics setup' on it to resume them");
                return 0;
            }
            if (resync) {
                List<String> changes = app.resync(listener(terminal));
                terminal.println(
                        changes.isEmpty()
                                ? "setup --resync: no subscription skipped transactions, nothing was copied"
                                : "setup --resync: done, " + changes.size()
                                        + " change(s); the next refresh rebuilds the incremental" + " reports in full");
                return 0;
            }
            List<String> changes = app.setup(listener(terminal));
            terminal.println(
                    changes.isEmpty()
                            ? "setup: nothing to change, publications and subscriptions are up to date"
                            : "setup: done, " + changes.size() + " change(s)");
            return 0;
        }
    }

    private static int preflight(WmsAnalytics app, Terminal terminal) {
        List<Finding> findings = app.preflight();
        if (!findings.isEmpty()) {
            throw new PreflightFailedException(findings);
        }
        terminal.println("preflight passed: the replica and "
                + app.config().publishers().size() + " publisher(s) are fit for logical replication");
        return 0;
    }

    static SetupStage.Listener listener(Terminal terminal) {
        return new SetupStage.Listener() {
            @Override
            public void changed(String change) {
                terminal.println(change);
            }

            @Override
            public void tablesReady(String subscription, int ready, int total) {
                terminal.progress(subscription + ": initial copy " + ready + "/" + total + " tables ready");
            }
        };
    }
}
