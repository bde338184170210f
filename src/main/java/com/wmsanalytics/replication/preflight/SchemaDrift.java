package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.replication.server.ServerProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the published tables of a primary with their mirror on the replica. Logical
 * replication applies rows by column name, so a column the mirror lacks or types that differ
 * break the apply worker; an extra mirror column is tolerated.
 */
final class SchemaDrift {

    private final String publisher;

    SchemaDrift(String publisher) {
        this.publisher = publisher;
    }

    List<Finding> compare(List<ServerProbe.Column> published, List<ServerProbe.Column> mirror) {
        Map<String, String> mirrorTypes = new LinkedHashMap<>();
        mirror.forEach(c -> mirrorTypes.put(c.table() + "." + c.column(), c.type()));
        List<String> mirrorTables =
                mirror.stream().map(ServerProbe.Column::table).distinct().toList();
        List<Finding> findings = new ArrayList<>();
        for (ServerProbe.Column c : published) {
            String key = c.table() + "." + c.column();
            if (!mirrorTables.contains(c.table())) {
                addOnce(findings, missingTable(c.table()));
            } else if (!mirrorTypes.containsKey(key)) {
                findings.add(drift(
                        key + " exists on publisher " + publisher + " but not on the replica",
                        "add it to the mirror in a migration: ALTER TABLE " + c.table() + " ADD COLUMN " + c.column()
                                + " " + c.type()));
            } else if (!mirrorTypes.get(key).equals(c.type())) {
                findings.add(drift(
                        key + " is " + c.type() + " on publisher " + publisher + " but " + mirrorTypes.get(key)
                                + " on the replica",
                        "ALTER TABLE " + c.table() + " ALTER COLUMN " + c.column() + " TYPE " + c.type()
                                + " on the replica, in a migration"));
            }
        }
        return findings;
    }

    private Finding missingTable(String table) {
        return drift(
                "table " + table + " is published by " + publisher + " but missing on the replica",
                "add it to migrations/replica and run migrate");
    }

    private static void addOnce(List<Finding> findings, Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }

    private static Finding drift(String problem, String fix) {
        return new Finding("replica", "drift: " + problem, fix);
    }
}
