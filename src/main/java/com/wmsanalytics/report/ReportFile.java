package com.wmsanalytics.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One report file as its header declares it, with its query.
 *
 * @param groups the refresh groups whose jobs refresh it; the first one's objective judges it
 * @param byTime for a {@code by-time} report, its buckets and sources
 * @param byKey for a {@code by-key} report, its key and sources
 * @param query the SQL after the header, without a trailing semicolon
 * @param queryLine the line of the file where the query starts (1-based)
 * @param keyLines the line of each header key in the file
 * @param fingerprint SHA-256 of the file's bytes, as hex
 */
public record ReportFile(
        Path path,
        String schema,
        String name,
        Kind kind,
        List<String> groups,
        List<String> uniqueKey,
        Optional<Duration> warnAfter,
        Optional<Duration> errorAfter,
        Optional<String> description,
        Optional<TimeBuckets> byTime,
        Optional<KeyedBy> byKey,
        String query,
        int queryLine,
        Map<String, Integer> keyLines,
        String fingerprint) {

    /** How a report is kept up to date. */
    public enum Kind {
        /** A materialized view, refreshed in full (CONCURRENTLY when it has a unique key). */
        FULL("full"),
        /**
         * A table rebuilt from its query at every refresh, its rows replaced in one transaction:
         * readers never wait. Cheaper than a materialized view when most rows change at every
         * refresh (a rank, a score, the days since a date), which CONCURRENTLY would compare one
         * by one.
         */
        TABLE("table"),
        /** A table maintained bucket by bucket: only the changed days, weeks or months are recomputed. */
        BY_TIME("by-time"),
        /** A table maintained key by key: only the changed customers, products... are recomputed. */
        BY_KEY("by-key");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public ReportFile {
        groups = List.copyOf(groups);
        uniqueKey = List.copyOf(uniqueKey);
        keyLines = Map.copyOf(keyLines);
    }

    /** Its first group, whose freshness objective judges it. */
    public Optional<String> group() {
        return groups.stream().findFirst();
    }

    public String qualified() {
        return schema + "." + name;
    }

    /** The line of the file at {@code offset} (0-based) into the query. */
    public int lineAt(int offset) {
        int bounded = Math.max(0, Math.min(offset, query.length()));
        return queryLine
                + (int) query.substring(0, bounded)
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
    }

    /** The line of a header key, or 1. */
    public int lineOf(String key) {
        return keyLines.getOrDefault(key, 1);
    }

    /** A fault of this file, at a line: "FILE line N: fault". */
    public ReportFileException fault(int line, String fault) {
        return new ReportFileException(path, line, fault);
    }
}
