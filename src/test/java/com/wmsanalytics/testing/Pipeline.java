package com.wmsanalytics.testing;

import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.WmsAnalytics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

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
}
