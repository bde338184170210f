package com.wmsanalytics.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.PackageImports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history sits below the service: it may use config, db and jOOQ, never what uses it. */
class HistoryDependenciesTest {

    private static final List<String> FORBIDDEN = List.of(
            "com.wmsanalytics.replication",
            "com.wmsanalytics.refresh",
            "com.wmsanalytics.service",
            "com.wmsanalytics.cli");

    @Test
    void history_does_not_import_replication_refresh_service_or_cli() {
        PackageImports history = PackageImports.of("history");

        assertTrue(history.sourceCount() > 10, "found the history sources");
        assertEquals(List.of(), history.importsOf(FORBIDDEN));
    }
}
