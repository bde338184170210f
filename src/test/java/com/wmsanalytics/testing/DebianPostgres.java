package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Debian's {@code postgresql-15}, as the package installs it (JIT on, with LLVM), run through the
 * same harness as the embedded binaries. The harness takes a binaries archive; this one holds
 * only links to the installed programs, which find their libraries and shared files where the
 * package put them. {@code .ci/run} installs the package.
 */
public final class DebianPostgres {

    /** Where the package installs PostgreSQL 15's programs. */
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static Path archive;

    private DebianPostgres() {}

    /**
     * The settings the package's binaries need in a test: their compiled-in socket directory,
     * /var/run/postgresql, belongs to the package's user, so the server listens on TCP only.
     */
    public static Map<String, String> settings() {
        return Map.of("unix_socket_directories", "");
    }

    /** An archive of links to the installed binaries, written under {@code target/} once per test JVM. */
    public static synchronized Path archive() {
        if (archive != null) {
            return archive;
        }
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            throw new IllegalStateException(
                    BIN + "/postgres is missing: install Debian's postgresql-15 (apt-get install postgresql-15)");
        }
        Path written = Path.of("target", "debian-postgresql-15.txz").toAbsolutePath();
        write(written);
        archive = written;
        return written;
    }

    private static void write(Path archive) {
        try {
            Path partial = Files.createTempFile(archive.getParent(), "debian-postgresql-15", ".partial");
            try (OutputStream file = Files.newOutputStream(partial);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(file));
                    Stream<Path> programs = Files.list(BIN)) {
                // Fixed times make the archive the same bytes every time, so the harness, which
                // unpacks each archive once by its hash, reuses the first unpacking.
                TarArchiveEntry bin = new TarArchiveEntry("bin/");
                bin.setModTime(0);
                tar.putArchiveEntry(bin);
                tar.closeArchiveEntry();
                for (Path program : programs.sorted().toList()) {
                    TarArchiveEntry link =
                            new TarArchiveEntry("bin/" + program.getFileName(), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(program.toString());
                    link.setModTime(0);
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + archive, e);
        }
    }
}
