package com.wmsanalytics.db;

import org.jooq.Record;

/**
 * A column of a plain SQL query's result, read by its name and converted to its type: what
 * the query's {@code AS} names, instead of its position in the select list.
 */
public record SqlColumn<T>(String name, Class<T> type) {

    public static <T> SqlColumn<T> of(String name, Class<T> type) {
        return new SqlColumn<>(name, type);
    }

    /** The value of this column in {@code record}, converted as jOOQ converts. */
    public T from(Record record) {
        return record.get(name, type);
    }
}
