package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The samples of one parsed scrape, found by name and labels. */
record Scrape(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {}

    /** The value of the sample with this name and exactly these labels, given as name, value, .... */
    double value(String name, String... labels) {
        return find(name, labels)
                .orElseGet(() -> fail("no sample " + name + labelMap(labels) + " in the scrape"))
                .value();
    }

    boolean has(String name, String... labels) {
        return find(name, labels).isPresent();
    }

    /** Whether any sample has this name, whatever its labels. */
    boolean hasAny(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private Optional<Sample> find(String name, String... labels) {
        Map<String, String> wanted = labelMap(labels);
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .findFirst();
    }

    private static Map<String, String> labelMap(String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return map;
    }
}
