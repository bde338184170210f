package com.wmsanalytics.generate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one generator run.
 *
 * @param firstDay the first generated day (UTC)
 * @param lastDay the last generated day (UTC)
 * @param rowsWritten rows inserted or updated per {@code wms} table, in load order; orders and
 *     shipments left open by an earlier run and progressed by this one count as updated rows
 * @param orderLines order lines inserted
 * @param elapsed wall time of the run, commit included
 */
public record GenerateSummary(
        LocalDate firstDay, LocalDate lastDay, Map<String, Long> rowsWritten, long orderLines, Duration elapsed) {

    public GenerateSummary {
        rowsWritten = Collections.unmodifiableMap(new LinkedHashMap<>(rowsWritten));
    }

    public double orderLinesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : orderLines * 1e9 / nanos;
    }
}
