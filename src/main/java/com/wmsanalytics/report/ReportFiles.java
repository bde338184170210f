package com.wmsanalytics.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The reports declared as files: the built-in ones shipped in the jar, and a BI team's read
 * from {@code reports.dir}; checked against the replica, and turned into Flyway migrations.
 * Without a directory only the built-in reports remain, so the reports installed from one
 * count as removed.
 */
public final class ReportFiles {

    private final DataSource replica;
    private final Optional<Path> dir;
    private final Set<String> mirrorSchemas;
    private final Duration lockTimeout;

    public ReportFiles(DataSource replica, Optional<Path> dir, Set<String> mirrorSchemas, Duration lockTimeout) {
        this.replica = replica;
        this.dir = dir;
        this.mirrorSchemas = Set.copyOf(mirrorSchemas);
        this.lockTimeout = lockTimeout;
    }

    /**
     * Reads the directory and checks it on the replica, changing nothing.
     *
     * @throws ReportFileException for the first bad file (exit 2)
     */
    public ReportPlan check(boolean dropRemoved) {
        List<ReportFile> builtin = BuiltinReports.read(new ReportFileParser(Set.of()));
        Set<String> builtinNames = builtin.stream().map(ReportFile::qualified).collect(Collectors.toSet());
        List<ReportFile> own =
                dir.map(d -> new ReportDirectory(d, mirrorSchemas).read()).orElse(List.of());
        for (ReportFile f : own) {
            if (builtinNames.contains(f.qualified())) {
                throw f.fault(
                        f.lineOf("name"),
                        "report " + f.qualified() + " is built into wms-analytics; a report file may not reuse a"
                                + " built-in name, so choose another");
            }
        }
        List<ReportFile> files = new ArrayList<>(builtin);
        files.addAll(own);
        return new ReportPlanner(replica, lockTimeout).plan(files, builtinNames, dropRemoved);
    }

    /** One repeatable migration per report file, then one per report to drop; each tells {@code changes} what it did. */
    public static List<JavaMigration> migrations(ReportPlan plan, Consumer<String> changes) {
        return ReportMigration.of(plan, changes);
    }
}
