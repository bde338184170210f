package com.wmsanalytics.testing;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import java.util.Map;

/** Configuration pointing at the servers of a {@link PostgresPair}, as a user would write it. */
public final class TestConfig {

    private TestConfig() {}

    /** HOCON for the pair: the replica and one publisher named {@code wms}, all as superuser. */
    public static String hocon(PostgresPair pg) {
        return "wms-analytics {\n"
                + "  replica { url = \"" + pg.replica().jdbcUrl(PostgresPair.DATABASE) + "\", user = postgres }\n"
                + "  publishers = [ { name = wms, url = \"" + pg.primary().jdbcUrl(PostgresPair.DATABASE)
                + "\", user = postgres } ]\n"
                + "  setup.sync-timeout = 60s\n"
                + "  gate.timeout = 10s\n"
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
