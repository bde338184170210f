package com.wmsanalytics.report;

import com.wmsanalytics.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The report files of {@code reports.dir}: every {@code *.sql} file directly in it but hidden
 * ones (an editor's lock or swap file), read once,
 * so that a file edited while {@code migrate} runs is applied as it was read or not at all.
 */
public final class ReportDirectory {

    private final Path dir;
    private final ReportFileParser parser;

    /** @param mirrorSchemas the schemas the subscriptions write, where no report may live */
    public ReportDirectory(Path dir, Set<String> mirrorSchemas) {
        this.dir = dir;
        this.parser = new ReportFileParser(mirrorSchemas);
    }

    /** The files in name order; the first bad one stops the reading. */
    public List<ReportFile> read() {
        List<ReportFile> files = new ArrayList<>();
        Map<String, ReportFile> byName = new HashMap<>();
        for (Path path : paths()) {
            ReportFile file = parser.parse(path, bytes(path));
            ReportFile other = byName.putIfAbsent(file.qualified(), file);
            if (other != null) {
                throw file.fault(
                        file.lineOf("name"), "report " + file.qualified() + " is declared by " + other.path() + " too");
            }
            files.add(file);
        }
        return files;
    }

    private List<Path> paths() {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("reports.dir " + dir + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException(
                    "cannot list reports.dir " + dir + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UsageException(
                    "cannot read report file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
