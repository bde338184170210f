package com.wmsanalytics.schedule;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.wmsanalytics.config.ConfigFiles;
import com.wmsanalytics.config.ConfigReader;
import com.wmsanalytics.config.KnownKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Opens one job file for the configuration's typed reader: keys checked, defaults underneath. */
final class JobReader {

    /** The defaults under every job file. */
    private static final Config DEFAULTS = ConfigFactory.parseString(
            "job { enabled = true, coalesce = false, retry { failed-attempts = 2, backoff = 10m, skipped-backoff = 15m } }");

    /** Each object of a job file and the keys it may hold, in the order the docs list them. */
    private static final KnownKeys KNOWN = KnownKeys.listed(Map.of(
            "", List.of("job"),
            "job",
                    List.of(
                            "cron",
                            "time-zone",
                            "action",
                            "group",
                            "views",
                            "repair",
                            "directory",
                            "gate-timeout",
                            "retry",
                            "coalesce",
                            "enabled"),
            "job.retry", List.of("failed-attempts", "backoff", "skipped-backoff")));

    private JobReader() {}

    /** Parses the file, rejects unknown keys and lays the file over the defaults. */
    static ConfigReader open(Path file) {
        String source = file.toString();
        Config parsed = parse(file, source);
        KNOWN.check(parsed.root(), source);
        return ConfigReader.of(resolve(parsed.withFallback(DEFAULTS), source), parsed, source);
    }

    private static Config parse(Path file, String source) {
        try {
            return ConfigFactory.parseFile(
                    file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigFiles.wrap(source, e);
        }
    }

    private static Config resolve(Config config, String source) {
        try {
            return config.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigFiles.wrap(source, e);
        }
    }
}
