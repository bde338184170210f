package com.wmsanalytics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration once: the user's file (from {@code --config} or
 * {@code $WMS_ANALYTICS_CONFIG}) layered over {@code reference.conf}, validated into an
 * immutable {@link AppConfig}. Substitutions such as {@code ${?WMS_REPLICA_PASSWORD}} read the
 * environment, and Typesafe Config's {@code CONFIG_FORCE_} variables override any key.
 */
public final class ConfigLoader {

    public static final String ENV_CONFIG = "WMS_ANALYTICS_CONFIG";
    static final String ROOT = "wms-analytics";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Loads the file given on the command line, else the one the environment names. */
    public AppConfig load(Optional<Path> commandLineFile) {
        Optional<Path> file = commandLineFile.or(() -> Optional.ofNullable(environment.get(ENV_CONFIG))
                .filter(s -> !s.isBlank())
                .map(Path::of));
        return file.map(this::loadFile).orElseGet(() -> load(ConfigFactory.empty(), "built-in defaults"));
    }

    private AppConfig loadFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(file + ": configuration file is not readable");
        }
        return load(parse(file), file.toString());
    }

    /** Validates {@code user} layered over the defaults; {@code source} names it in errors. */
    public AppConfig load(Config user, String source) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        KnownKeys known = knownKeys(reference);
        known.check(user.root(), source);
        Config overrides = ConfigFactory.systemEnvironmentOverrides();
        known.check(overrides.root(), "environment (CONFIG_FORCE_ variables)");
        Config merged = resolve(
                overrides
                        .withFallback(user)
                        .withFallback(withoutShadowedPasswords(reference, user.root()))
                        .withFallback(ConfigValueFactory.fromMap(environment).toConfig()),
                source);
        return new AppConfigMapper(new ConfigReader(merged, source, "").at(ROOT), source).map();
    }

    /**
     * A password-file the user declares replaces the password the defaults take from the
     * environment; only both set in the user's own file is a contradiction.
     */
    private static Config withoutShadowedPasswords(Config reference, ConfigObject user) {
        Config result = reference;
        for (String section : List.of("replica", "publisher-defaults")) {
            if (declares(user, ROOT, section, "password-file")) {
                result = result.withoutPath(ROOT + "." + section + ".password");
            }
        }
        return result;
    }

    private static boolean declares(ConfigObject object, String... keys) {
        ConfigObject current = object;
        for (int i = 0; i < keys.length - 1; i++) {
            if (!(current.get(keys[i]) instanceof ConfigObject next)) {
                return false;
            }
            current = next;
        }
        return current.containsKey(keys[keys.length - 1]);
    }

    private static Config parse(Path file) {
        try {
            return ConfigFactory.parseFile(
                    file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static Config resolve(Config config, String source) {
        try {
            return config.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The keys of {@code reference.conf}; each publisher entry may use the keys of
     * {@code publisher-defaults} plus its name and URL.
     */
    private static KnownKeys knownKeys(Config reference) {
        List<String> publisherKeys = new ArrayList<>(
                reference.getObject(ROOT + ".publisher-defaults").keySet());
        publisherKeys.add("name");
        publisherKeys.add("url");
        Map<String, List<String>> keys =
                KnownKeys.objectsOf(reference.root(), Map.of(ROOT + ".publishers" + KnownKeys.ELEMENTS, publisherKeys));
        // Groups and reports are named by the user; FreshnessMapper checks each objective's keys.
        keys.remove(ROOT + ".freshness.groups");
        keys.remove(ROOT + ".freshness.views");
        return KnownKeys.of(keys, known -> " (see conf/application.conf for the known keys)");
    }
}
