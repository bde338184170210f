package com.wmsanalytics.replication.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.FreshServers;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.QuietSetup;
import com.wmsanalytics.testing.TestConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two WMS primaries feed one replica, one subscription each. The second primary holds the
 * warehouses of another region; their rows land side by side in the replica's mirror.
 */
class TwoPublishersTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static EmbeddedServer second;

    @BeforeAll
    static void start_a_second_primary() throws Exception {
        second = FreshServers.start(
                "primary-eu",
                Files.createTempDirectory("wms-analytics-test-eu-"),
                EmbeddedServer.logicalReplicationSettings(),
                PostgresPair.binaries());
        second.execute("postgres", "CREATE DATABASE " + PostgresPair.DATABASE);
    }

    @AfterAll
    static void stop_it() {
        pg.resetDatabases();
        FreshServers.stopAndDelete(second);
    }

    @Test
    void two_publishers_feed_one_replica_through_their_own_subscriptions() {
        String hocon = TestConfig.hocon(pg)
                .replace(
                        "} ]",
                        "}, { name = wms_eu, url = \"" + second.jdbcUrl(PostgresPair.DATABASE)
                                + "\", user = postgres, subscription = wms_analytics_sub_eu } ]");
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(hocon), Clock.systemUTC())) {
            app.migratePrimary("wms");
            app.migratePrimary("wms_eu");
            app.migrate();
            pg.primary()
                    .execute(
                            PostgresPair.DATABASE,
                            "INSERT INTO wms.warehouses VALUES (1, 'BER', 'Berlin', 'EU', '2020-01-01')");
            second.execute(
                    PostgresPair.DATABASE,
                    "INSERT INTO wms.warehouses VALUES (2, 'MAD', 'Madrid', 'EU', '2021-01-01')");

            List<String> changes = app.setup(QuietSetup.listener());

            assertEquals(4, changes.size(), changes.toString());
            assertTrue(
                    changes.get(3).startsWith("wms_eu: created subscription wms_analytics_sub_eu"), changes.toString());
            assertEquals(
                    "BER,MAD",
                    pg.replica()
                            .queryValue(
                                    PostgresPair.DATABASE,
                                    "SELECT string_agg(code, ',' ORDER BY code) FROM wms.warehouses"));
            assertEquals(List.of(), app.setup(QuietSetup.listener()));
        }
    }
}
