package com.wmsanalytics.cli;

import com.wmsanalytics.service.ReportInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The reports' lineage in Graphviz's dot language: reports as boxes, mirror tables as ellipses. */
final class LineageGraph {

    private LineageGraph() {}

    static List<String> dot(List<ReportInfo> reports) {
        List<String> lines = new ArrayList<>();
        lines.add("digraph lineage {");
        lines.add("  rankdir=LR;");
        TreeSet<String> tables = new TreeSet<>();
        reports.forEach(r -> tables.addAll(r.sources()));
        tables.forEach(t -> lines.add("  " + quoted(t) + " [shape=ellipse];"));
        reports.forEach(r -> lines.add("  " + quoted(r.view()) + " [shape=box"
                + (r.groups().isEmpty()
                        ? ""
                        : ", tooltip="
                                + quoted((r.groups().size() == 1 ? "group " : "groups ")
                                        + String.join(", ", r.groups())))
                + "];"));
        for (ReportInfo r : reports) {
            r.sources().forEach(s -> lines.add("  " + quoted(s) + " -> " + quoted(r.view()) + ";"));
            r.dependsOn().forEach(d -> lines.add("  " + quoted(d) + " -> " + quoted(r.view()) + ";"));
        }
        lines.add("}");
        return lines;
    }

    /** A dot ID in double quotes; names here are checked identifiers, but a quote is escaped all the same. */
    private static String quoted(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
