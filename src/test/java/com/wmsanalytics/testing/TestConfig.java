package com.wmsanalytics.testing;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import java.util.Map;

/** Configuration pointing at the servers of a {@link PostgresPair}, as a user would write it. */
public final class TestConfig {

    private TestConfig() {}

    /**
     * HOCON for the pair: the replica and one publisher named {@code wms}, all as superuser. The
     * gate may wait up to 45 s: on PostgreSQL 14 the replica's applied position can stay behind
     * WAL that carries no published change (an autovacuum's on the primary, say) until the
     * walsender's next keepalive, so a 10 s gate failed a first refresh now and then (CI's
     * PostgreSQL 14 pass, IncrementalFailureTest). A gate that is caught up returns at once; the
     * tests that want a timeout set their own.
     */
    public static String hocon(PostgresPair pg) {
        return "wms-analytics {\n"
                + "  replica { url = \"" + pg.replica().jdbcUrl(PostgresPair.DATABASE) + "\", user = postgres }\n"
                + "  publishers = [ { name = wms, url = \"" + pg.primary().jdbcUrl(PostgresPair.DATABASE)
                + "\", user = postgres } ]\n"
                + "  setup.sync-timeout = 60s\n"
                + "  gate.timeout = 45s\n"
                + "}\n";
    }

    public static AppConfig of(PostgresPair pg) {
        return of(hocon(pg));
    }

    /** Loads HOCON text exactly as a user's file would be loaded. */
    public static AppConfig of(String hocon) {
        return new ConfigLoader(Map.of()).load(ConfigFactory.parseString(hocon), "test.conf");
    }
}
