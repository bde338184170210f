package com.wmsanalytics.replication.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slot failover on PostgreSQL 14, which has none: {@code setup} refuses in one line and changes
 * nothing. The class runs on the 14 binaries in the first pass only; {@link
 * PublisherFailoverTest} covers 17.
 */
@Tag("slow")
class SlotFailoverBelow17Test {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().binaries(PostgresPair.pg14Archive());

    @BeforeAll
    static void both_sides_migrated() {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(pg), Clock.systemUTC())) {
            app.migratePrimary("wms");
            app.migrate();
        }
    }

    @Test
    void below_17_setup_says_slot_failover_needs_17_and_changes_nothing() throws Exception {
        Path config = Files.writeString(
                Files.createTempFile("failover", ".conf"),
                TestConfig.hocon(pg) + "wms-analytics.publisher-defaults.failover = true\n");
        config.toFile().deleteOnExit();

        CliRun setup = CliRun.of("setup", "--config", config.toString());

        assertEquals(6, setup.exitCode(), setup.err());
        assertEquals(
                List.of("error: publisher wms: slot failover (failover = true) needs PostgreSQL 17 or later on the"
                        + " publisher and the replica, but the publisher runs 14 and the replica 14; fix: upgrade both to"
                        + " PostgreSQL 17, or set failover = false for publisher wms"),
                setup.errLines().stream().filter(l -> !l.startsWith("warning:")).toList());
        assertEquals("0", pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM pg_subscription"));
        assertEquals("0", pg.primary().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM pg_publication"));
    }
}
