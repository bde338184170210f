package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/wms-analytics, run as an installation runs it (bin/ beside lib/wms-analytics.jar), with
 * {@link LauncherProbe} as the jar: which JVM options each command gets, and how the
 * class-data-sharing archive is built, used and skipped.
 */
class LauncherTest {

    @TempDir
    Path install;

    private Path cache;

    @BeforeEach
    void install_the_launcher_beside_a_probe_jar() throws IOException {
        Files.createDirectories(install.resolve("bin"));
        Files.createDirectories(install.resolve("lib"));
        Path script = Files.copy(Path.of("bin/wms-analytics"), install.resolve("bin/wms-analytics"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(install.resolve("lib/wms-analytics.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(LauncherProbe.class
                    .getClassLoader()
                    .getResourceAsStream(entry)
                    .readAllBytes());
        }
        cache = install.resolve("home/.cache/wms-analytics");
    }

    @Test
    void one_shot_commands_get_c1_and_the_serial_collector_and_run_and_demo_get_neither() throws Exception {
        Run status = run(Map.of("JAVA_OPTS", "-Xmx200m"), "status", "--json");
        Run service = run(Map.of("JAVA_OPTS", "-Xmx200m"), "run", "--config", "x.conf");
        Run demo = run(Map.of("JAVA_OPTS", "-Xmx200m"), "demo");

        assertEquals("args: status --json", status.lines().get(0));
        assertTrue(status.jvm().containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")), status.output());
        assertEquals("-Xmx200m", status.jvm().get(status.jvm().size() - 1), "JAVA_OPTS come last, so they win");
        assertEquals("args: run --config x.conf", service.lines().get(0));
        assertEquals(List.of("-Xmx200m"), service.jvm(), service.output());
        assertEquals("args: demo", demo.lines().get(0), "an installation has no demo-lib: the jar alone");
        assertEquals(List.of("-Xmx200m"), demo.jvm(), demo.output());
    }

    @Test
    void the_first_database_command_builds_its_archive_and_the_next_run_uses_it() throws Exception {
        Run first = run(Map.of(), "views");
        List<Path> archives = archives();
        Run second = run(Map.of(), "views");

        assertEquals(1, archives.size(), "an archive under ~/.cache/wms-analytics: " + archives);
        assertTrue(archives.get(0).getFileName().toString().startsWith("wms-analytics-views-"), archives.toString());
        assertTrue(first.jvm().stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), first.output());
        assertTrue(second.jvm().contains("-XX:SharedArchiveFile=" + archives.get(0)), second.output());
        assertEquals(first.lines().get(0), second.lines().get(0));
        assertEquals(2, second.lines().size(), second.output());
    }

    @Test
    void a_failed_command_or_help_builds_no_archive() throws Exception {
        Run failed = run(Map.of(), "status", "fail");
        run(Map.of(), "status", "--help");
        run(Map.of(), "migrate");

        assertEquals(3, failed.exitCode(), "the command's exit code passes through");
        assertEquals(List.of(), archives());
    }

    @Test
    void an_archive_of_another_jar_is_ignored_without_a_word() throws Exception {
        run(Map.of(), "history");
        byte[] ofTheOldJar = Files.readAllBytes(archives().get(0));
        Path jar = install.resolve("lib/wms-analytics.jar");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        run(Map.of(), "history");
        Path archive = archives().get(0);
        Files.delete(archive);
        Files.write(archive, ofTheOldJar);
        Run stale = run(Map.of(), "history", "--limit", "5");

        assertEquals(0, stale.exitCode(), stale.output());
        assertTrue(stale.jvm().contains("-XX:SharedArchiveFile=" + archive), stale.output());
        assertEquals(List.of("args: history --limit 5", "jvm: " + String.join(" ", stale.jvm())), stale.lines());
        assertEquals("", stale.stderr());
    }

    @Test
    void cds_off_runs_without_an_archive() throws Exception {
        Run status = run(Map.of("WMS_ANALYTICS_CDS", "off"), "status");

        assertFalse(status.jvm().stream().anyMatch(o -> o.contains("Archive")), status.output());
        assertTrue(status.jvm().contains("-XX:TieredStopAtLevel=1"), status.output());
        assertFalse(Files.exists(cache));
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    private Run run(Map<String, String> environment, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(install.resolve("bin/wms-analytics").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().remove("WMS_ANALYTICS_CDS_DIR");
        builder.environment().put("HOME", install.resolve("home").toString());
        builder.environment()
                .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(install, "out", ".txt");
        Path err = Files.createTempFile(install, "err", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exitCode, String output, String stderr) {
        List<String> lines() {
            return output.lines().toList();
        }

        List<String> jvm() {
            return lines().stream()
                    .filter(l -> l.startsWith("jvm: "))
                    .findFirst()
                    .map(l -> List.of(l.substring(5).split(" ")).stream()
                            .filter(s -> !s.isEmpty())
                            .toList())
                    .orElse(List.of());
        }
    }
}
