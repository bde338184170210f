package com.wmsanalytics.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The freshness objectives of {@code wms-analytics.freshness}: one per refresh group, and
 * per report where a report overrides its group's.
 *
 * @param groups by group name
 * @param views by {@code schema.name}
 */
public record FreshnessObjectives(Map<String, FreshnessObjective> groups, Map<String, ViewObjective> views) {

    /** A report's own objective, and where the file declared it, for an error about it. */
    public record ViewObjective(FreshnessObjective objective, String declaredAt) {}

    public FreshnessObjectives {
        groups = Map.copyOf(groups);
        views = Map.copyOf(views);
    }

    public static FreshnessObjectives none() {
        return new FreshnessObjectives(Map.of(), Map.of());
    }

    /** The report's own objective, else its group's; empty when neither is declared. */
    public Optional<FreshnessObjective> of(String view, Optional<String> group) {
        return Optional.ofNullable(views.get(view))
                .map(ViewObjective::objective)
                .or(() -> group.map(groups::get));
    }

    /** Fails, naming the file, line and key, when an objective names a report that does not exist. */
    public void requireKnown(Set<String> reports) {
        for (Map.Entry<String, ViewObjective> e : new java.util.TreeMap<>(views).entrySet()) {
            if (!reports.contains(e.getKey())) {
                throw new ConfigException(e.getValue().declaredAt() + ": unknown report '" + e.getKey() + "'; known: "
                        + String.join(", ", new TreeSet<>(reports)));
            }
        }
    }
}
