package com.wmsanalytics.config;

import com.typesafe.config.ConfigUtil;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps {@code wms-analytics.freshness}: {@code groups.<group>} and {@code views."schema.name"},
 * each {@code { warn-after = ..., error-after = ... }}.
 */
final class FreshnessMapper {

    static final List<String> KEYS = List.of("warn-after", "error-after");
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern VIEW = Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}");

    private FreshnessMapper() {}

    static FreshnessObjectives map(ConfigReader freshness) {
        Map<String, FreshnessObjective> groups = new LinkedHashMap<>();
        ConfigReader g = freshness.at("groups");
        for (String name : g.keys()) {
            groups.put(checked(g, name, GROUP, "a group name (lower-case letters, digits and _)"), objective(g, name));
        }
        Map<String, FreshnessObjectives.ViewObjective> views = new LinkedHashMap<>();
        ConfigReader v = freshness.at("views");
        for (String name : v.keys()) {
            checked(v, name, VIEW, "a report name; write \"schema.view\" in quotes");
            views.put(
                    name,
                    new FreshnessObjectives.ViewObjective(objective(v, name), v.where(ConfigUtil.joinPath(name))));
        }
        return new FreshnessObjectives(groups, views);
    }

    private static String checked(ConfigReader r, String name, Pattern pattern, String what) {
        if (!pattern.matcher(name).matches()) {
            throw r.error(ConfigUtil.joinPath(name), "'" + name + "' is not " + what);
        }
        return name;
    }

    private static FreshnessObjective objective(ConfigReader parent, String name) {
        String path = ConfigUtil.joinPath(name);
        parent.requireObject(path, "an object { warn-after = ..., error-after = ... }");
        ConfigReader o = parent.at(path);
        for (String key : o.keys()) {
            if (!KEYS.contains(key)) {
                throw o.error(ConfigUtil.joinPath(key), "unknown key; known here: " + String.join(", ", KEYS));
            }
        }
        Duration warn = o.positiveDuration("warn-after");
        Duration error = o.positiveDuration("error-after");
        if (warn.compareTo(error) > 0) {
            throw o.error("warn-after", "must not be longer than error-after (" + o.string("error-after") + ")");
        }
        return new FreshnessObjective(warn, error);
    }
}
