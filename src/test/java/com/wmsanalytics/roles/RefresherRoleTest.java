package com.wmsanalytics.roles;

import com.wmsanalytics.testing.PostgresPair;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented roles on the embedded servers of the run's version: 17, and 14 in the second pass. */
class RefresherRoleTest extends RefresherRoleScenario {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @Override
    PostgresPair pg() {
        return pg;
    }
}
