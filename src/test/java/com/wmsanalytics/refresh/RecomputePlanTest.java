package com.wmsanalytics.refresh;

import com.wmsanalytics.testing.PostgresPair;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plan rule on the embedded servers of the run's version: 17, and 14 in the second pass. */
class RecomputePlanTest extends RecomputePlanScenario {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @Override
    PostgresPair pg() {
        return pg;
    }
}
