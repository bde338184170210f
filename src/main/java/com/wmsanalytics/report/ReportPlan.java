package com.wmsanalytics.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code migrate} will do to match the reports directory, as checked on the replica.
 *
 * @param ordered the files, each after the reports it reads
 * @param fingerprints each report's fingerprint: its file's and those of the reports it reads
 * @param reads the report files each report reads
 * @param changes one line per report created, rebuilt or dropped, in that order
 * @param removed the installed reports whose file is gone
 * @param adopted the built-in reports an earlier version made, already as their files define them
 * @param builtin the names of the built-in reports among {@code ordered}
 */
public record ReportPlan(
        List<ReportFile> ordered,
        Map<String, String> fingerprints,
        Map<String, Integer> depths,
        Map<String, Set<String>> reads,
        List<String> changes,
        List<InstalledReports.Installed> removed,
        Set<String> adopted,
        Set<String> builtin) {

    public ReportPlan {
        ordered = List.copyOf(ordered);
        fingerprints = Map.copyOf(fingerprints);
        depths = Map.copyOf(depths);
        reads = Map.copyOf(reads);
        changes = List.copyOf(changes);
        removed = List.copyOf(removed);
        adopted = Set.copyOf(adopted);
        builtin = Set.copyOf(builtin);
    }

    /**
     * The description of a report's repeatable migration: its depth in the graph first, as
     * Flyway applies repeatable migrations in the order of their descriptions.
     */
    String migration(ReportFile file) {
        return String.format(Locale.ROOT, "report %02d %s", depths.get(file.qualified()), file.qualified());
    }

    /** How many of the files are the BI team's own, not built in. */
    public long ownFiles() {
        return ordered.stream().filter(f -> !builtin.contains(f.qualified())).count();
    }

    /** The report files that read {@code report}, directly or through others, in order. */
    List<ReportFile> readersOf(String report) {
        return ordered.stream()
                .filter(f -> readsTransitively(f.qualified(), report))
                .toList();
    }

    private boolean readsTransitively(String reader, String report) {
        Set<String> direct = reads.getOrDefault(reader, Set.of());
        return direct.contains(report) || direct.stream().anyMatch(d -> readsTransitively(d, report));
    }
}
