package com.wmsanalytics.history;

import java.util.Locale;

/** The lower-case names under which the history stores its enums. */
final class SqlNames {

    private SqlNames() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String stored) {
        return Enum.valueOf(type, stored.toUpperCase(Locale.ROOT));
    }
}
