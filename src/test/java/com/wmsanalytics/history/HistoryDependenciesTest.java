package com.wmsanalytics.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The history sits below the service: it may use config, db and jOOQ, never what uses it. */
class HistoryDependenciesTest {

    private static final List<String> FORBIDDEN = List.of(
            "com.wmsanalytics.replication", "com.wmsanalytics.refresh", "com.wmsanalytics.service",
            "com.wmsanalytics.cli");

    @Test
    void history_does_not_import_replication_refresh_service_or_cli() throws IOException {
        Path history = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java/com/wmsanalytics/history");
        List<String> offending;
        try (Stream<Path> files = Files.walk(history)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertTrue(sources.size() > 10, "found the history sources");
            offending = sources.stream().flatMap(HistoryDependenciesTest::forbiddenImports).toList();
        }
        assertEquals(List.of(), offending);
    }

    private static Stream<String> forbiddenImports(Path source) {
        try {
            return Files.readAllLines(source).stream()
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> FORBIDDEN.stream().anyMatch(p -> line.contains(" " + p + ".")))
                    .map(line -> source.getFileName() + ": " + line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
