package com.wmsanalytics.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.testing.PostgresPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The committed jOOQ classes of the control tables match what the migrations generate. */
class GeneratedJooqClassesTest {

    private static final String REGENERATE = "The committed jOOQ classes are stale. Regenerate them from the project"
            + " directory with: mvn -B -q test-compile exec:java"
            + " -Dexec.mainClass=com.wmsanalytics.history.RegenerateJooqClasses -Dexec.classpathScope=test";

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @TempDir
    Path generated;

    @Test
    void committed_jooq_classes_equal_the_classes_generated_from_the_migrations() throws Exception {
        Migrator.migrateReplica(pg.replica().dataSource(PostgresPair.DATABASE));
        GenerationTool.generate(RegenerateJooqClasses.configuration(
                pg.replica().jdbcUrl(PostgresPair.DATABASE), pg.replica().superuser(), generated));

        Map<String, String> expected = sources(packageDirectory(generated));
        Map<String, String> committed = sources(packageDirectory(projectSources()));
        assertFalse(expected.isEmpty(), "the generator wrote no classes");
        assertEquals(expected.keySet(), committed.keySet(), REGENERATE + " (files missing or extra)");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertEquals(
                    file.getValue(), committed.get(file.getKey()), REGENERATE + " (" + file.getKey() + " differs)");
        }
    }

    private static Path projectSources() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
    }

    private static Path packageDirectory(Path sources) {
        return sources.resolve(RegenerateJooqClasses.PACKAGE.replace('.', '/'));
    }

    /** Every file under the directory by its relative path, with its text. */
    private static Map<String, String> sources(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
