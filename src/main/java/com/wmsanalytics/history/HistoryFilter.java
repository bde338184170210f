package com.wmsanalytics.history;

import com.wmsanalytics.UsageException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which runs {@link RunHistory#runs} returns: those that planned the view, of the job, started
 * at or after {@code since}; at most {@code limit} of them, newest first.
 *
 * @param view a view as {@code schema.name}
 */
public record HistoryFilter(Optional<String> view, Optional<String> job, Optional<Instant> since, int limit) {

    public HistoryFilter {
        if (limit < 1) {
            throw new UsageException("the history limit must be at least 1, not " + limit);
        }
        view.ifPresent(HistoryFilter::requireQualified);
    }

    /** The latest runs, whatever their job or views. */
    public static HistoryFilter latest(int limit) {
        return new HistoryFilter(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    Optional<String> viewSchema() {
        return view.map(v -> v.substring(0, v.indexOf('.')));
    }

    Optional<String> viewName() {
        return view.map(v -> v.substring(v.indexOf('.') + 1));
    }

    private static void requireQualified(String view) {
        int dot = view.indexOf('.');
        if (dot <= 0 || dot == view.length() - 1) {
            throw new UsageException("view '" + view + "' must be given as schema.name");
        }
    }
}
