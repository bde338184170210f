package com.wmsanalytics.cli;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.report.ReportPlan;
import com.wmsanalytics.service.WmsAnalytics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Applies the SQL migrations to the replica, or to a primary.",
            "",
            "Applies the migrations of the replica: the mirror of the WMS tables, the analytics schemas and"
                    + " views, the control tables and the roles' grants. Then it matches the reports to the report"
                    + " files of reports.dir: it creates the new ones, rebuilds the changed ones with the reports that"
                    + " read them, and drops those whose file is gone when --drop-removed is given. A bad file changes"
                    + " no report and exits 2 with one line naming the file, the line and the fault.",
            "",
            "With --primary, applies the WMS schema to that publisher instead, for demo and staging primaries;"
                    + " a real WMS already has these tables."
        })
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--primary", paramLabel = "NAME", description = "Migrate this publisher's WMS schema instead.")
    String primary;

    @Option(
            names = "--drop-removed",
            description = "Drop the reports whose file is gone from reports.dir; without it, migrate lists them and"
                    + " exits 2.")
    boolean dropRemoved;

    @Option(
            names = "--check",
            description = "Check the report files of reports.dir on the replica and print what migrate would do,"
                    + " changing nothing. Exits 2 on a bad file.")
    boolean check;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            if (primary != null) {
                terminal.println(app.migratePrimary(primary).summary());
                return 0;
            }
            if (check) {
                ReportPlan plan = app.checkReports(dropRemoved);
                plan.changes().forEach(terminal::println);
                terminal.println("reports: " + plan.ownFiles() + " report file(s) and "
                        + (plan.ordered().size() - plan.ownFiles()) + " built-in report(s) checked, "
                        + (plan.changes().isEmpty()
                                ? "nothing to change"
                                : plan.changes().size() + " change(s)"));
                return 0;
            }
            Migrator.Outcome outcome = app.migrate(dropRemoved, terminal::println);
            terminal.println(outcome.summary());
            return 0;
        }
    }
}
