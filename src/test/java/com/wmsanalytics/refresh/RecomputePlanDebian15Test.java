package com.wmsanalytics.refresh;

import com.wmsanalytics.testing.PostgresPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The plan rule on Debian's postgresql-15 as packaged, whose planner turned the old recomputes into scans. */
@Tag("slow")
class RecomputePlanDebian15Test extends RecomputePlanScenario {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().debian15();

    @Override
    PostgresPair pg() {
        return pg;
    }
}
