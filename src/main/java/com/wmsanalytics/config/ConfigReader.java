package com.wmsanalytics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Typed reads of one configuration object. A missing key or a value of the wrong type
 * becomes a {@link ConfigException} that names the file, the line and the full key.
 */
final class ConfigReader {

    private final Config config;
    private final String source;
    private final String prefix;

    ConfigReader(Config config, String source, String prefix) {
        this.config = config;
        this.source = source;
        this.prefix = prefix;
    }

    ConfigReader at(String path) {
        return new ConfigReader(read(path, "an object", config::getConfig), source, key(path));
    }

    String string(String path) {
        return read(path, "a string", config::getString);
    }

    Optional<String> optionalString(String path) {
        return config.hasPath(path) ? Optional.of(string(path)) : Optional.empty();
    }

    int positiveInt(String path) {
        int value = read(path, "an integer", config::getInt);
        return check(path, value, value >= 1, "must be at least 1");
    }

    /** An integer from {@code min} to {@code max}, both included. */
    int intBetween(String path, int min, int max) {
        int value = read(path, "an integer", config::getInt);
        return check(path, value, value >= min && value <= max, "must be from " + min + " to " + max);
    }

    boolean bool(String path) {
        return read(path, "true or false", config::getBoolean);
    }

    Duration positiveDuration(String path) {
        Duration value = read(path, "a duration such as 30s, 5m or 400d", config::getDuration);
        return check(path, value, !value.isNegative() && !value.isZero(), "must be longer than zero");
    }

    List<String> stringList(String path) {
        return read(path, "a list of strings", config::getStringList);
    }

    List<ConfigReader> objectList(String path) {
        List<? extends Config> list = read(path, "a list of objects", config::getConfigList);
        return IntStream.range(0, list.size())
                .mapToObj(i -> new ConfigReader(list.get(i), source, key(path) + "[" + i + "]"))
                .toList();
    }

    /** Whether the key is set to something other than null. */
    boolean isSet(String path) {
        return config.hasPath(path);
    }

    /** This object without the key. */
    ConfigReader without(String path) {
        return new ConfigReader(config.withoutPath(path), source, prefix);
    }

    /** This object with {@code defaults} underneath, keeping this object's key prefix. */
    ConfigReader withFallback(ConfigReader defaults) {
        return new ConfigReader(config.withFallback(defaults.config), source, prefix);
    }

    ConfigException error(String path, String problem) {
        return new ConfigException(where(path) + key(path) + ": " + problem);
    }

    String key(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    private <T> T read(String path, String expected, Function<String, T> getter) {
        if (!config.hasPathOrNull(path) || config.getIsNull(path)) {
            throw new ConfigException(source + ": " + key(path) + ": is required but missing");
        }
        try {
            return getter.apply(path);
        } catch (com.typesafe.config.ConfigException e) {
            throw error(path, "expected " + expected + ", got " + shown(path));
        }
    }

    private <T> T check(String path, T value, boolean ok, String rule) {
        if (!ok) {
            throw error(path, rule + ", got " + shown(path));
        }
        return value;
    }

    private String shown(String path) {
        if (path.contains("password")) {
            return "a value of the wrong type";
        }
        return config.getValue(path).render(ConfigRenderOptions.concise());
    }

    private String where(String path) {
        ConfigValue value = config.hasPath(path) ? config.getValue(path) : null;
        int line = value == null ? -1 : value.origin().lineNumber();
        boolean fromUser = value != null && value.origin().filename() != null;
        return fromUser && line > 0 ? source + ":" + line + ": " : source + ": ";
    }
}
