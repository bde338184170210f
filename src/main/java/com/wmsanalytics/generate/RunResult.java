package com.wmsanalytics.generate;

import java.time.Duration;
import java.util.Map;

/** What a run wrote, before its elapsed time is known. */
record RunResult(RunWindow window, Map<String, Long> rowsWritten, long orderLines) {

    GenerateSummary summary(Duration elapsed) {
        return new GenerateSummary(window.firstDay(), window.lastDay(), rowsWritten, orderLines, elapsed);
    }
}
