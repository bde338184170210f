package com.wmsanalytics.refresh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The views to refresh in dependency order: every view comes after the views of the plan
 * it reads. Views the plan does not hold are not waited for; ties go by name, so the order
 * is stable.
 */
public record RefreshPlan(List<Report> views) {

    public RefreshPlan {
        views = List.copyOf(views);
    }

    public static RefreshPlan of(List<Report> chosen) {
        Map<String, Report> byName = new LinkedHashMap<>();
        chosen.forEach(v -> byName.put(v.qualified(), v));
        List<Report> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        TreeSet<String> ready = new TreeSet<>();
        while (ordered.size() < byName.size()) {
            byName.values().stream()
                    .filter(v -> !done.contains(v.qualified())
                            && dependenciesIn(v, byName).allMatch(done::contains))
                    .forEach(v -> ready.add(v.qualified()));
            if (ready.isEmpty()) {
                throw new IllegalStateException("dependency cycle among " + byName.keySet());
            }
            String next = ready.pollFirst();
            done.add(next);
            ordered.add(byName.get(next));
        }
        return new RefreshPlan(ordered);
    }

    /** The views of this plan that {@code view} must wait for. */
    public List<String> dependenciesOf(Report view) {
        Set<String> inPlan = new TreeSet<>(Comparator.naturalOrder());
        views.forEach(v -> inPlan.add(v.qualified()));
        return view.dependsOn().stream().filter(inPlan::contains).sorted().toList();
    }

    private static Stream<String> dependenciesIn(Report v, Map<String, Report> plan) {
        return v.dependsOn().stream().filter(plan::containsKey);
    }
}
