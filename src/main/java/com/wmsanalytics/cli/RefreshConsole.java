package com.wmsanalytics.cli;

import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.text.Durations;
import java.time.Duration;

/** Shows a refresh's progress on stderr, on a terminal only. */
final class RefreshConsole implements RefreshProgress {

    private final Terminal terminal;

    RefreshConsole(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void behind(long bytes, Duration waited) {
        terminal.progress(
                "waiting for catch-up: " + Durations.bytes(bytes) + " behind (" + Durations.human(waited) + ")");
    }

    @Override
    public synchronized void started(Report view, int number, int total) {
        terminal.progress(number + "/" + total + " " + view.qualified() + " ...");
    }

    @Override
    public synchronized void finished(ReportOutcome outcome) {
        terminal.progress(outcome.view().qualified() + " " + Formats.lower(outcome.status())
                + outcome.duration().map(d -> " " + Durations.human(d)).orElse(""));
    }
}
