package com.wmsanalytics.web;

import com.wmsanalytics.freshness.FreshnessState;

/** How the page shows a state: a word and a symbol beside the colour, so that colour is never alone. */
final class StateBadge {

    private StateBadge() {}

    static String word(FreshnessState state) {
        return switch (state) {
            case FRESH -> "Fresh";
            case WARN -> "Warning";
            case ERROR -> "Error";
            case UNKNOWN -> "Unknown";
        };
    }

    static String symbol(FreshnessState state) {
        return switch (state) {
            case FRESH -> "\u2713";
            case WARN -> "!";
            case ERROR -> "\u2715";
            case UNKNOWN -> "?";
        };
    }

    static String html(FreshnessState state) {
        return "<span class=\"badge state-" + state.label() + "\" data-role=\"state\"><span aria-hidden=\"true\">"
                + symbol(state) + "</span> " + word(state) + "</span>";
    }
}
