package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.PackageImports;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refresh sits beside the history and the gate, below the service: it may use config and
 * db, and owns the refresh groups' table instead of reading it through the history's classes.
 */
class RefreshDependenciesTest {

    private static final List<String> FORBIDDEN = List.of(
            "com.wmsanalytics.history",
            "com.wmsanalytics.replication",
            "com.wmsanalytics.schedule",
            "com.wmsanalytics.service",
            "com.wmsanalytics.cli");

    @Test
    void refresh_does_not_import_history_replication_schedule_service_or_cli() {
        PackageImports refresh = PackageImports.of("refresh");

        assertTrue(refresh.sourceCount() > 5, "found the refresh sources");
        assertEquals(List.of(), refresh.importsOf(FORBIDDEN));
    }
}
