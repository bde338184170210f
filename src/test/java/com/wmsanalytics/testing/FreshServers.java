package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * New, empty test servers, each started on a copy of a cluster that initdb made once per JVM
 * and binaries archive. Copying the cluster's files takes milliseconds where initdb takes
 * about a second of CPU, and the suite starts dozens of servers on two cores.
 */
public final class FreshServers {

    /** The template's lock and process files, which a new server makes for itself. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private static final Map<Optional<Path>, Path> TEMPLATES = new HashMap<>();

    private FreshServers() {}

    /** Starts a new server whose data lives in {@code dataDirectory}, which must not hold a cluster yet. */
    public static EmbeddedServer start(
            String name, Path dataDirectory, Map<String, String> settings, Optional<Path> binaries) {
        copy(template(binaries), dataDirectory);
        return EmbeddedServer.startExisting(name, dataDirectory, settings, binaries, 0);
    }

    /** Stops a server this class started and deletes its data directory. */
    public static void stopAndDelete(EmbeddedServer server) {
        server.close();
        delete(server.dataDirectory());
    }

    private static synchronized Path template(Optional<Path> binaries) {
        return TEMPLATES.computeIfAbsent(binaries, FreshServers::initdb);
    }

    /** A cluster made by initdb and stopped cleanly once, kept until the JVM exits. */
    private static Path initdb(Optional<Path> binaries) {
        try {
            Path dir = Files.createTempDirectory("wms-analytics-template-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "template-cluster-delete"));
            // TCP only: the socket directory compiled into Debian's binaries is not the tests' to use.
            EmbeddedServer.startExisting("template", dir, DebianPostgres.settings(), binaries, 0)
                    .close();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path template, Path to) {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : files.toList()) {
                Path relative = template.relativize(from);
                if (SKIPPED.contains(relative.toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    Files.copy(from, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the template cluster to " + to, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // Nothing left to delete.
        }
    }
}
