package com.wmsanalytics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Typed reads of one configuration object: the application's configuration and every job
 * file. A missing key or a value of the wrong type becomes a {@link ConfigException} that
 * names the file, the line when the file set the value, and the full key.
 */
public final class ConfigReader {

    private final Config config;
    /** Where to look up the line of a value: the file alone, when defaults are merged under it. */
    private final Config origins;

    private final String source;
    private final String prefix;

    ConfigReader(Config config, String source, String prefix) {
        this(config, config, source, prefix);
    }

    private ConfigReader(Config config, Config origins, String source, String prefix) {
        this.config = config;
        this.origins = origins;
        this.source = source;
        this.prefix = prefix;
    }

    /**
     * A reader of {@code resolved}, which is {@code file} over defaults. Errors take their line
     * from {@code file}, because an object merged with the defaults has no line of its own.
     */
    public static ConfigReader of(Config resolved, Config file, String source) {
        return new ConfigReader(resolved, file, source, "");
    }

    public String source() {
        return source;
    }

    public ConfigReader at(String path) {
        return new ConfigReader(read(path, "an object", config::getConfig), source, key(path));
    }

    /** Fails unless {@code path} is an object; {@code expected} shows the user its shape. */
    public void requireObject(String path, String expected) {
        read(path, expected, config::getConfig);
    }

    public String string(String path) {
        return read(path, "a string", config::getString);
    }

    public Optional<String> optionalString(String path) {
        return isSet(path) ? Optional.of(string(path)) : Optional.empty();
    }

    public int positiveInt(String path) {
        int value = read(path, "an integer", config::getInt);
        return check(path, value, value >= 1, "must be at least 1");
    }

    public int nonNegativeInt(String path) {
        int value = read(path, "an integer", config::getInt);
        return check(path, value, value >= 0, "must be 0 or more");
    }

    /** An integer from {@code min} to {@code max}, both included. */
    public int intBetween(String path, int min, int max) {
        int value = read(path, "an integer", config::getInt);
        return check(path, value, value >= min && value <= max, "must be from " + min + " to " + max);
    }

    public boolean bool(String path) {
        return read(path, "true or false", config::getBoolean);
    }

    public Duration positiveDuration(String path) {
        Duration value = read(path, "a duration such as 30s, 10m or 2h", config::getDuration);
        return check(path, value, !value.isNegative() && !value.isZero(), "must be longer than zero");
    }

    public Optional<Duration> optionalPositiveDuration(String path) {
        return isSet(path) ? Optional.of(positiveDuration(path)) : Optional.empty();
    }

    public List<String> stringList(String path) {
        return read(path, "a list of strings", config::getStringList);
    }

    public List<ConfigReader> objectList(String path) {
        List<? extends Config> list = read(path, "a list of objects", config::getConfigList);
        return IntStream.range(0, list.size())
                .mapToObj(i -> new ConfigReader(list.get(i), source, key(path) + "[" + i + "]"))
                .toList();
    }

    /** The keys of this object set to something other than null, sorted. */
    public java.util.Set<String> keys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        config.root().keySet().stream()
                .filter(k -> config.hasPath(ConfigUtil.joinPath(k)))
                .forEach(keys::add);
        return keys;
    }

    /** {@code file:line: full.key}, for a message about {@code path} written later. */
    public String where(String path) {
        return ConfigFiles.where(source, originOf(path)) + key(path);
    }

    /** Whether the key is set to something other than null. */
    public boolean isSet(String path) {
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

    /** An error about the value of {@code path}, at the line that set it. */
    public ConfigException error(String path, String problem) {
        return error(path, originOf(path), problem);
    }

    /** An error about the {@code index}-th element of the list {@code path}, at that element's line. */
    public ConfigException elementError(String path, int index, String problem) {
        List<? extends ConfigValue> list = config.getList(path);
        return error(path, index < list.size() ? list.get(index).origin() : null, problem);
    }

    public String key(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    /** Where the file sets {@code path}; null when only the defaults do, or it cannot be told. */
    private ConfigOrigin originOf(String path) {
        try {
            return origins.hasPath(path) ? origins.getValue(path).origin() : null;
        } catch (com.typesafe.config.ConfigException.NotResolved e) {
            return null;
        }
    }

    private ConfigException error(String path, ConfigOrigin origin, String problem) {
        return new ConfigException(ConfigFiles.where(source, origin) + key(path) + ": " + problem);
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
}
