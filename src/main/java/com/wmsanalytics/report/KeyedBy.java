package com.wmsanalytics.report;

import java.util.List;
import java.util.Optional;

/**
 * How a {@code by-key} report is kept incrementally: its key column, and how each source table's
 * rows map to keys.
 *
 * @param column the report's column that holds the key (a customer, a product)
 * @param sources the tables whose changes dirty keys: a source's {@code column} holds a key, and
 *     a child source's reaches its parent row, whose source column holds it; a change to any
 *     other table the report reads rebuilds it in full
 */
public record KeyedBy(String column, List<Source> sources) {

    public KeyedBy {
        sources = List.copyOf(sources);
    }

    /** The declared source of a table without a parent, whose column holds the key. */
    Optional<Source> keySourceOf(Source.Table table) {
        return sources.stream()
                .filter(s -> s.table().equals(table) && s.parent().isEmpty())
                .findFirst();
    }
}
