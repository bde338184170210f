package com.wmsanalytics.roles;

import com.wmsanalytics.testing.PostgresPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented roles on Debian's postgresql-15, as the package installs it. */
@Tag("slow")
class RefresherRoleDebian15Test extends RefresherRoleScenario {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().debian15();

    @Override
    PostgresPair pg() {
        return pg;
    }
}
