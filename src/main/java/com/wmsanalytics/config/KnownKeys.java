package com.wmsanalytics.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rejects keys in a user's file that the program does not know, so that a mistyped key fails
 * loudly instead of being ignored: the application's configuration and every job file.
 */
public final class KnownKeys {

    /** The path of the objects inside a list, such as {@code wms-analytics.publishers[]}. */
    public static final String ELEMENTS = "[]";

    private final Map<String, List<String>> keys;
    private final Function<List<String>, String> hint;

    private KnownKeys(Map<String, List<String>> keys, Function<List<String>, String> hint) {
        this.keys = keys;
        this.hint = hint;
    }

    /**
     * @param keys each object's path ({@code ""} for the top) and the keys it may hold; an
     *     object whose path is absent is not checked
     * @param hint what an error adds after "unknown key", given the keys known there
     */
    public static KnownKeys of(Map<String, List<String>> keys, Function<List<String>, String> hint) {
        return new KnownKeys(keys, hint);
    }

    /** Errors list the keys known where the mistake is. */
    public static KnownKeys listed(Map<String, List<String>> keys) {
        return of(keys, known -> "; known here: " + String.join(", ", known));
    }

    /** The keys of every object of {@code reference}, with {@code extra} paths added or replaced. */
    static Map<String, List<String>> objectsOf(ConfigObject reference, Map<String, List<String>> extra) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        collect(reference, "", keys);
        keys.putAll(extra);
        return keys;
    }

    private static void collect(ConfigObject object, String path, Map<String, List<String>> keys) {
        keys.put(path, new ArrayList<>(object.keySet()));
        object.forEach((key, value) -> {
            if (value instanceof ConfigObject child) {
                collect(child, join(path, key), keys);
            }
        });
    }

    /** Throws a {@link ConfigException} naming the first unknown key, its line and its full path. */
    public void check(ConfigObject user, String source) {
        walk(user, "", "", source);
    }

    /** Substitutions are not resolved yet, so this tests the classes rather than valueType(). */
    private void walk(ConfigObject object, String path, String shown, String source) {
        List<String> known = keys.get(path);
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = join(path, entry.getKey());
            String shownKey = join(shown, entry.getKey());
            if (!known.contains(entry.getKey())) {
                throw unknown(shownKey, entry.getValue(), known, source);
            }
            if (entry.getValue() instanceof ConfigObject child && keys.containsKey(key)) {
                walk(child, key, shownKey, source);
            } else if (entry.getValue() instanceof ConfigList list && keys.containsKey(key + ELEMENTS)) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof ConfigObject element) {
                        walk(element, key + ELEMENTS, shownKey + "[" + i + "]", source);
                    }
                }
            }
        }
    }

    private ConfigException unknown(String key, ConfigValue value, List<String> known, String source) {
        int line = value.origin().lineNumber();
        String where = line > 0 ? source + ":" + line + ": " : source + ": ";
        return new ConfigException(where + key + ": unknown key" + hint.apply(known));
    }

    private static String join(String path, String key) {
        String quoted = key.matches("[A-Za-z0-9_-]+") ? key : ConfigUtil.quoteString(key);
        return path.isEmpty() ? quoted : path + "." + quoted;
    }
}
