package com.wmsanalytics.generate;

/** SQL that reads a timestamptz column as whole seconds since the epoch. */
final class Epoch {

    private Epoch() {}

    static String of(String column) {
        return "floor(extract(epoch FROM " + column + "))::bigint";
    }
}
