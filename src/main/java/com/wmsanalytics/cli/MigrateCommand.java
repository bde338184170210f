package com.wmsanalytics.cli;

import com.wmsanalytics.db.Migrator;
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
                    + " views, the control tables and the roles' grants. With --primary, applies the WMS schema to"
                    + " that publisher instead, for demo and staging primaries; a real WMS already has these tables."
        })
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--primary", paramLabel = "NAME", description = "Migrate this publisher's WMS schema instead.")
    String primary;

    @Override
    public Integer call() {
        try (WmsAnalytics app = root.context().open(options)) {
            Migrator.Outcome outcome = primary == null ? app.migrate() : app.migratePrimary(primary);
            root.context().terminal().println(outcome.summary());
            return 0;
        }
    }
}
