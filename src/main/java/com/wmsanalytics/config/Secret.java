package com.wmsanalytics.config;

import java.util.Optional;

/** A password. It prints as a mask, so it cannot leak into a log line or an error by accident. */
public final class Secret {

    private static final Secret NONE = new Secret(null);
    public static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The password itself, for the driver and the subscription's conninfo only. */
    public Optional<String> reveal() {
        return Optional.ofNullable(value);
    }

    @Override
    public String toString() {
        return isPresent() ? MASK : "(none)";
    }
}
