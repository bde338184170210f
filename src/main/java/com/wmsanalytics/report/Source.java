package com.wmsanalytics.report;

import java.util.Optional;

/**
 * A source table of an incremental report file, as its {@code -- source:} line declares it:
 * its rows belong to the bucket of {@code column} (a timestamptz) or to the key {@code column}
 * holds, or, with a parent, to those of the parent row that {@code column} references.
 */
public record Source(int line, Table table, String column, Optional<Parent> parent) {

    /** The parent row a child row reaches by {@code column} = the parent's key column. */
    public record Parent(Table table, String keyColumn) {}

    /** A schema-qualified table. */
    public record Table(String schema, String name) {
        public String qualified() {
            return schema + "." + name;
        }
    }
}
