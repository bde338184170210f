package com.wmsanalytics.history;

import com.wmsanalytics.UsageException;
import java.time.Instant;
import java.util.Optional;

/** Which hourly summaries {@link RunHistory#summaries} returns: of the job, from the hour of {@code since}; newest first. */
public record SummaryFilter(Optional<String> job, Optional<Instant> since, int limit) {

    public SummaryFilter {
        if (limit < 1) {
            throw new UsageException("the history limit must be at least 1, not " + limit);
        }
    }
}
