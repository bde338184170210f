package com.wmsanalytics.cli;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import java.util.List;
import java.util.Locale;

/**
 * {@code status --check}: one line per report that is not fresh, and the exit code of the
 * worst. A report without an objective is not checked.
 */
final class FreshnessCheck {

    private final List<ReportFreshness> checked;

    FreshnessCheck(List<ReportFreshness> reports) {
        this.checked = reports.stream().filter(r -> r.objective().isPresent()).toList();
    }

    /** The checked reports that are not fresh, in the order of the reports. */
    List<ReportFreshness> notFresh() {
        return checked.stream().filter(r -> r.state() != FreshnessState.FRESH).toList();
    }

    List<String> lines() {
        List<String> lines = notFresh().stream()
                .map(r -> r.state().label().toUpperCase(Locale.ROOT) + " " + r.view() + ": " + r.reason())
                .toList();
        return lines.isEmpty() ? List.of("OK all " + checked.size() + " reports are fresh") : lines;
    }

    /** 0 when all are fresh, 11 when one is in error, else 10 (a warning, or a report never refreshed through the gate). */
    ExitCode exitCode() {
        if (checked.stream().anyMatch(r -> r.state() == FreshnessState.ERROR)) {
            return ExitCode.FRESHNESS_ERROR;
        }
        return checked.stream().allMatch(r -> r.state() == FreshnessState.FRESH)
                ? ExitCode.OK
                : ExitCode.FRESHNESS_WARN;
    }
}
