package com.wmsanalytics.report;

import com.wmsanalytics.refresh.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The order of the report files by what they read, and the fingerprints and depths that follow from it. */
final class ReportOrder {

    private ReportOrder() {}

    /** Each file after the report files it reads; ties in name order. The graph has no cycle. */
    static List<ReportFile> of(List<ReportFile> files, Map<String, Set<String>> reads) {
        List<ReportFile> left = new ArrayList<>(files);
        left.sort((a, b) -> a.qualified().compareTo(b.qualified()));
        List<ReportFile> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        while (!left.isEmpty()) {
            ReportFile next = left.stream()
                    .filter(f -> placed.containsAll(reads.getOrDefault(f.qualified(), Set.of())))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("a cycle among " + left));
            ordered.add(next);
            placed.add(next.qualified());
            left.remove(next);
        }
        return ordered;
    }

    /**
     * What the capture of a report kept by time or by key is generated as: when a version
     * generates it differently, the fingerprints of those reports change, and migrate rebuilds
     * them once, with their capture made anew.
     */
    static final String CAPTURE =
            "capture: one merged trigger per mirror table and event, a WHEN clause on time columns; inserts swept"
                    + " by txid_current(), the rows since the mark read in a subquery of their own";

    /** SHA-256 of each file's own fingerprint and of the fingerprints of the reports it reads. */
    static Map<String, String> fingerprints(List<ReportFile> ordered, Map<String, Set<String>> reads) {
        Map<String, String> fingerprints = new HashMap<>();
        for (ReportFile f : ordered) {
            StringBuilder text = new StringBuilder(f.fingerprint());
            if (f.kind() == ReportFile.Kind.BY_TIME || f.kind() == ReportFile.Kind.BY_KEY) {
                text.append('\n').append(CAPTURE);
            }
            new TreeSet<>(reads.getOrDefault(f.qualified(), Set.of()))
                    .forEach(r -> text.append('\n').append(r).append(' ').append(fingerprints.get(r)));
            fingerprints.put(
                    f.qualified(), ReportFileParser.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return fingerprints;
    }

    /** 0 for a report that reads no report file, else one more than the deepest it reads. */
    static Map<String, Integer> depths(List<ReportFile> ordered, Map<String, Set<String>> reads) {
        Map<String, Integer> depths = new HashMap<>();
        for (ReportFile f : ordered) {
            depths.put(
                    f.qualified(),
                    reads.getOrDefault(f.qualified(), Set.of()).stream()
                            .mapToInt(r -> depths.get(r) + 1)
                            .max()
                            .orElse(0));
        }
        return depths;
    }
    /** The seeds and every report that reads one of them, directly or not. */
    static Set<String> closure(Set<String> seeds, Map<String, Report> catalog) {
        Set<String> all = new LinkedHashSet<>(seeds);
        boolean grew = true;
        while (grew) {
            grew = catalog.values().stream()
                    .filter(v -> v.dependsOn().stream().anyMatch(all::contains))
                    .map(v -> all.add(v.qualified()))
                    .reduce(false, Boolean::logicalOr);
        }
        return all;
    }

    /** The reports in an order where each comes before those it reads (drop order). */
    static List<String> readersFirst(Set<String> reports, Map<String, Report> catalog) {
        List<String> order = new ArrayList<>();
        Set<String> left = new TreeSet<>(reports);
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(r -> left.stream()
                            .noneMatch(o -> catalog.containsKey(o)
                                    && catalog.get(o).dependsOn().contains(r)))
                    .findFirst()
                    .orElse(left.iterator().next());
            order.add(next);
            left.remove(next);
        }
        return order;
    }
}
