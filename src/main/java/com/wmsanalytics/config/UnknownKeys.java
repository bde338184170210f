package com.wmsanalytics.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.Set;

/**
 * Rejects keys in the user's file that the program does not know, so that a mistyped key
 * fails loudly instead of being ignored. Known keys are those of {@code reference.conf};
 * each publisher entry may use the keys of {@code publisher-defaults} plus its name and URL.
 */
final class UnknownKeys {

    private static final String PUBLISHERS = "wms-analytics.publishers";

    private final ConfigObject reference;
    private final Set<String> publisherKeys;
    private final String source;

    UnknownKeys(ConfigObject reference, Set<String> publisherKeys, String source) {
        this.reference = reference;
        this.publisherKeys = publisherKeys;
        this.source = source;
    }

    void check(ConfigObject user) {
        walk(user, reference, "");
    }

    private void walk(ConfigObject user, ConfigObject known, String prefix) {
        for (String key : user.keySet()) {
            String path = prefix.isEmpty() ? quoteIfNeeded(key) : prefix + "." + quoteIfNeeded(key);
            ConfigValue value = user.get(key);
            if (known == null || !known.containsKey(key)) {
                throw unknown(path, value);
            }
            // Substitutions are not resolved yet, so test the classes rather than valueType().
            if (path.equals(PUBLISHERS) && value instanceof ConfigList list) {
                checkPublishers(list);
            } else if (value instanceof ConfigObject object && known.get(key) instanceof ConfigObject knownObject) {
                walk(object, knownObject, path);
            }
        }
    }

    private void checkPublishers(ConfigList publishers) {
        for (int i = 0; i < publishers.size(); i++) {
            if (publishers.get(i) instanceof ConfigObject entry) {
                for (String key : entry.keySet()) {
                    if (!publisherKeys.contains(key)) {
                        throw unknown(PUBLISHERS + "[" + i + "]." + key, entry.get(key));
                    }
                }
            }
        }
    }

    private ConfigException unknown(String path, ConfigValue value) {
        int line = value.origin().lineNumber();
        String where = line > 0 ? source + ":" + line : source;
        return new ConfigException(where + ": " + path + ": unknown key (see conf/application.conf for the known keys)");
    }

    private static String quoteIfNeeded(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }
}
