package com.wmsanalytics.schedule;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.wmsanalytics.config.ConfigException;
import java.util.List;
import java.util.Map;

/** Rejects keys a job file may not have, so that a typo such as {@code crn} fails loudly. */
final class JobKeys {

    /** Each object of a job file and the keys it may hold, in the order the docs list them. */
    private static final Map<String, List<String>> KNOWN = Map.of(
            "", List.of("job"),
            "job", List.of("cron", "time-zone", "action", "group", "views", "repair", "gate-timeout", "retry", "enabled"),
            "job.retry", List.of("failed-attempts", "backoff", "skipped-backoff"));

    private final String source;

    JobKeys(String source) {
        this.source = source;
    }

    void check(ConfigObject root) {
        walk(root, "");
    }

    private void walk(ConfigObject object, String path) {
        List<String> known = KNOWN.get(path);
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = path.isEmpty() ? quoted(entry.getKey()) : path + "." + quoted(entry.getKey());
            if (!known.contains(entry.getKey())) {
                throw unknown(key, entry.getValue(), known);
            }
            if (KNOWN.containsKey(key) && entry.getValue() instanceof ConfigObject child) {
                walk(child, key);
            }
        }
    }

    private ConfigException unknown(String key, ConfigValue value, List<String> known) {
        return new ConfigException(FileLocation.where(source, value.origin()) + key
                + ": unknown key; known here: " + String.join(", ", known));
    }

    private static String quoted(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : ConfigUtil.quoteString(key);
    }
}
