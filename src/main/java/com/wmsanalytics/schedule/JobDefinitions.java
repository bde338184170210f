package com.wmsanalytics.schedule;

import com.wmsanalytics.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The refresh jobs of the service: one HOCON file per job in the jobs directory
 * ({@code wms-analytics.scheduler.jobs-dir}), named {@code <job>.conf}. Every problem is a
 * {@link ConfigException} whose one-line message names the file, the line when it is known,
 * and the key.
 */
public final class JobDefinitions {

    static final String DIRECTORY_KEY = "wms-analytics.scheduler.jobs-dir";

    private JobDefinitions() {}

    /** Reads every *.conf in the directory, sorted by name. */
    public static List<JobDefinition> load(Path directory) {
        List<Path> files = jobFiles(directory);
        if (files.isEmpty()) {
            throw new ConfigException(directory + ": " + DIRECTORY_KEY + ": no job files (*.conf) in the directory");
        }
        return files.stream().map(JobFile::read).toList();
    }

    /**
     * Checks groups and views against what exists on the replica: a Set of known groups and a
     * Set of known views "schema.name". Disabled jobs are checked too.
     */
    public static void checkAgainst(List<JobDefinition> jobs, Set<String> knownGroups, Set<String> knownViews) {
        new CatalogCheck(knownGroups, knownViews).check(jobs);
    }

    private static List<Path> jobFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            String problem = Files.exists(directory) ? "not a directory" : "the directory does not exist";
            throw new ConfigException(directory + ": " + DIRECTORY_KEY + ": " + problem);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(JobFile.SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(
                    directory + ": " + DIRECTORY_KEY + ": cannot list the directory ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
