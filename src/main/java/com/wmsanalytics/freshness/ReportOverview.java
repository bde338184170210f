package com.wmsanalytics.freshness;

import com.wmsanalytics.history.ReportDetails;
import java.util.List;

/**
 * One report on the freshness page: its state against its objective, its refreshes and its
 * inputs.
 *
 * @param reads the reports it reads, which the page links to
 * @param sources the other tables it reads: the mirror's
 */
public record ReportOverview(
        ReportFreshness freshness, ReportDetails details, List<String> reads, List<String> sources) {

    public ReportOverview {
        reads = List.copyOf(reads);
        sources = List.copyOf(sources);
    }
}
