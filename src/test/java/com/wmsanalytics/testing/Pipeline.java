package com.wmsanalytics.testing;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A running pipeline on a {@link PostgresPair}: both sides migrated, WMS data generated, set up. */
public final class Pipeline {

    private Pipeline() {}

    /** Builds the pipeline and returns a configuration file for it, as a user would write it. */
    public static Path build(PostgresPair pg, int orders, String extraConfig) {
        String hocon = TestConfig.hocon(pg) + extraConfig;
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            app.migratePrimary("wms");
            app.migrate();
            new DataGenerator(app.publisherDataSource("wms"), app.clock(), "wms")
                    .generate(new GenerateRequest(orders, 60, 7), GenerateProgress.NONE);
            app.setup(new SetupStage.Listener() {
                @Override
                public void changed(String change) {}

                @Override
                public void tablesReady(String subscription, int ready, int total) {}
            });
        }
        try {
            Path file = Files.createTempFile("wms-analytics-test-", ".conf");
            file.toFile().deleteOnExit();
            return Files.writeString(file, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refreshes the daily, weekly and monthly groups, gated, as their jobs do; fails when one does not succeed. */
    public static void refreshEveryGroup(WmsAnalytics app) {
        for (String group : List.of("daily", "weekly", "monthly")) {
            RefreshReport report = app.refresh(
                    RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.of(Duration.ofSeconds(45)), true),
                    RefreshProgress.NONE);
            if (report.status() != RunStatus.SUCCEEDED) {
                throw new AssertionError("the " + group + " group's refresh " + report.status() + ": "
                        + report.error().orElse(""));
            }
        }
    }
}
