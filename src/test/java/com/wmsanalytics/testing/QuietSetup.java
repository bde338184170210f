package com.wmsanalytics.testing;

import com.wmsanalytics.replication.setup.SetupStage;

/** A setup listener for tests that do not read what setup reports as it goes. */
public final class QuietSetup {

    private QuietSetup() {}

    public static SetupStage.Listener listener() {
        return new SetupStage.Listener() {
            @Override
            public void changed(String change) {}

            @Override
            public void tablesReady(String subscription, int ready, int total) {}
        };
    }
}
