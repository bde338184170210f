package com.wmsanalytics.freshness;

import java.util.Locale;

/** How a report's data as of stands against its objective. */
public enum FreshnessState {
    /** Younger than warn-after. */
    FRESH,
    /** At least warn-after old, younger than error-after. */
    WARN,
    /** At least error-after old. */
    ERROR,
    /** No gated refresh yet, or no objective. */
    UNKNOWN;

    /** fresh, warn, error or unknown: the word shown and exported. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
