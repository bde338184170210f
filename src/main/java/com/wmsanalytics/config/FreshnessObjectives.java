package com.wmsanalytics.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * An objective a report file declares: either bound may be missing, and then comes from the
     * report's group, or else equals the other.
     */
    public record Declared(
            Optional<Duration> warnAfter, Optional<Duration> errorAfter, Optional<String> group, String declaredAt) {}

    /** These objectives, with the ones report files declare for the reports the configuration does not name. */
    public FreshnessObjectives withDeclared(Map<String, Declared> declared) {
        Map<String, ViewObjective> all = new HashMap<>(views);
        declared.forEach((view, d) -> {
            if (!views.containsKey(view)) {
                Optional<FreshnessObjective> base = d.group().map(groups::get);
                Duration warn = d.warnAfter()
                        .or(() -> base.map(FreshnessObjective::warnAfter))
                        .orElseGet(() -> d.errorAfter().orElseThrow());
                Duration error = d.errorAfter()
                        .or(() -> base.map(FreshnessObjective::errorAfter))
                        .orElse(warn);
                all.put(
                        view,
                        new ViewObjective(
                                new FreshnessObjective(warn, error.compareTo(warn) < 0 ? warn : error),
                                d.declaredAt()));
            }
        });
        return new FreshnessObjectives(groups, all);
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
        for (Map.Entry<String, ViewObjective> e : new TreeMap<>(views).entrySet()) {
            if (!reports.contains(e.getKey())) {
                throw new ConfigException(e.getValue().declaredAt() + ": unknown report '" + e.getKey() + "'; known: "
                        + String.join(", ", new TreeSet<>(reports)));
            }
        }
    }
}
