package com.wmsanalytics.schedule;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.wmsanalytics.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of one job file. Every problem becomes a one-line {@link ConfigException}
 * that names the file, the line when it is known, and the full key.
 */
final class JobReader {

    /** The defaults under every job file. */
    private static final Config DEFAULTS = ConfigFactory.parseString(
            "job { enabled = true, retry { failed-attempts = 2, backoff = 10m, skipped-backoff = 15m } }");

    private final Config config;
    /** The file alone, without the defaults: its values keep their line numbers. */
    private final Config file;
    private final String source;

    private JobReader(Config config, Config file, String source) {
        this.config = config;
        this.file = file;
        this.source = source;
    }

    /** Parses the file, rejects unknown keys and lays the file over the defaults. */
    static JobReader open(Path file) {
        String source = file.toString();
        Config parsed = parse(file, source);
        new JobKeys(source).check(parsed.root());
        return new JobReader(resolve(parsed.withFallback(DEFAULTS), source), parsed, source);
    }

    String source() {
        return source;
    }

    boolean isSet(String key) {
        return config.hasPath(key);
    }

    /** Fails unless {@code key} is an object, such as {@code job} or {@code job.retry}. */
    void requireObject(String key, String expected) {
        read(key, expected, config::getConfig);
    }

    String string(String key) {
        return read(key, "a string", config::getString);
    }

    Optional<String> optionalString(String key) {
        return isSet(key) ? Optional.of(string(key)) : Optional.empty();
    }

    List<String> stringList(String key) {
        return read(key, "a list of strings", config::getStringList);
    }

    int nonNegativeInt(String key) {
        int value = read(key, "an integer", config::getInt);
        return check(key, value, value >= 0, "must be 0 or more");
    }

    boolean bool(String key) {
        return read(key, "true or false", config::getBoolean);
    }

    Duration positiveDuration(String key) {
        Duration value = read(key, "a duration such as 30s, 10m or 2h", config::getDuration);
        return check(key, value, !value.isNegative() && !value.isZero(), "must be longer than zero");
    }

    Optional<Duration> optionalPositiveDuration(String key) {
        return isSet(key) ? Optional.of(positiveDuration(key)) : Optional.empty();
    }

    /** An error about the value of {@code key}. */
    ConfigException error(String key, String problem) {
        return error(key, lineOf(key), problem);
    }

    /** An error about the {@code index}-th element of the list {@code key}, at that element's line. */
    ConfigException elementError(String key, int index, String problem) {
        List<? extends ConfigValue> list = config.getList(key);
        return error(key, index < list.size() ? list.get(index).origin() : null, problem);
    }

    /** Where the file sets {@code key}; null when only the defaults do, or it cannot be told. */
    private ConfigOrigin lineOf(String key) {
        try {
            return file.hasPath(key) ? file.getValue(key).origin() : null;
        } catch (com.typesafe.config.ConfigException.NotResolved e) {
            return null;
        }
    }

    private ConfigException error(String key, ConfigOrigin origin, String problem) {
        return new ConfigException(FileLocation.where(source, origin) + key + ": " + problem);
    }

    private <T> T read(String key, String expected, Function<String, T> getter) {
        if (!config.hasPathOrNull(key) || config.getIsNull(key)) {
            throw new ConfigException(source + ": " + key + ": is required but missing");
        }
        try {
            return getter.apply(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw error(key, "expected " + expected + ", got " + shown(key));
        }
    }

    private <T> T check(String key, T value, boolean ok, String rule) {
        if (!ok) {
            throw error(key, rule + ", got " + shown(key));
        }
        return value;
    }

    private String shown(String key) {
        return config.getValue(key).render(ConfigRenderOptions.concise());
    }

    private static Config parse(Path file, String source) {
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw FileLocation.wrap(source, e);
        }
    }

    private static Config resolve(Config config, String source) {
        try {
            return config.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw FileLocation.wrap(source, e);
        }
    }
}
