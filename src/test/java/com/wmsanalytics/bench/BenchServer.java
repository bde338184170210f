package com.wmsanalytics.bench;

import com.wmsanalytics.testing.DebianPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which PostgreSQL a benchmark runs: the embedded binaries the tests use (17, no JIT), or
 * Debian's {@code postgresql-15} as packaged (JIT on), which users install. A figure says which.
 */
enum BenchServer {
    EMBEDDED("embedded"),
    DEBIAN15("debian15");

    private final String option;

    BenchServer(String option) {
        this.option = option;
    }

    static BenchServer parse(String text) {
        for (BenchServer s : values()) {
            if (s.option.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--server is embedded or debian15, not " + text);
    }

    String option() {
        return option;
    }

    Optional<Path> binaries() {
        return this == DEBIAN15 ? Optional.of(DebianPostgres.archive()) : Optional.empty();
    }

    Map<String, String> settings() {
        return this == DEBIAN15 ? DebianPostgres.settings() : Map.of();
    }
}
