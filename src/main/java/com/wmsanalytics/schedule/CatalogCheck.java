package com.wmsanalytics.schedule;

import com.wmsanalytics.config.ConfigException;
import com.wmsanalytics.config.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the groups and views of the jobs against the replica's. A job keeps no line
 * numbers, so on an error its file is read again to name the line of the bad value.
 */
final class CatalogCheck {

    private final Set<String> knownGroups;
    private final Set<String> knownViews;

    CatalogCheck(Set<String> knownGroups, Set<String> knownViews) {
        this.knownGroups = knownGroups;
        this.knownViews = knownViews;
    }

    void check(List<JobDefinition> jobs) {
        jobs.forEach(this::check);
    }

    private void check(JobDefinition job) {
        job.group().filter(g -> !knownGroups.contains(g)).ifPresent(g -> {
            throw error(
                    job,
                    "job.group",
                    -1,
                    "unknown group '" + g + "'; groups: " + String.join(", ", new TreeSet<>(knownGroups)));
        });
        for (int i = 0; i < job.views().size(); i++) {
            if (!knownViews.contains(job.views().get(i))) {
                throw error(job, "job.views", i, "unknown view '" + job.views().get(i) + "'");
            }
        }
    }

    private static ConfigException error(JobDefinition job, String key, int index, String problem) {
        try {
            ConfigReader r = JobReader.open(Path.of(job.source()));
            return index < 0 ? r.error(key, problem) : r.elementError(key, index, problem);
        } catch (RuntimeException fileChanged) {
            return new ConfigException(job.source() + ": " + key + ": " + problem);
        }
    }
}
