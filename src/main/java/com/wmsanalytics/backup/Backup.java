package com.wmsanalytics.backup;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.UsageException;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dumps the replica's control and report schemas with {@code pg_dump} into a new directory
 * named by its UTC time, with a manifest, then deletes the backups older than the retention.
 * The dump is written under a hidden temporary name and renamed once its manifest is written,
 * so a backup that fails leaves nothing that looks complete. pg_dump is checked before anything
 * is written: it must be on the PATH and at least as new as the server.
 */
public final class Backup {

    public static final String CONTROL_SCHEMA = "analytics_control";
    static final String DUMP = "dump";

    private static final Logger log = LoggerFactory.getLogger(Backup.class);

    private final DSLContext replica;
    private final Endpoint endpoint;
    private final List<String> mirrorSchemas;
    private final Duration retention;
    private final Clock clock;
    private final String searchPath;

    /**
     * @param mirrorSchemas the replicated schemas: dumped without their rows, which the
     *     subscription copies again, so that the reports' definitions can be restored
     * @param searchPath the PATH to find pg_dump on
     */
    public Backup(
            DSLContext replica,
            Endpoint endpoint,
            List<String> mirrorSchemas,
            Duration retention,
            Clock clock,
            String searchPath) {
        this.replica = replica;
        this.endpoint = endpoint;
        this.mirrorSchemas = List.copyOf(mirrorSchemas);
        this.retention = retention;
        this.clock = clock;
        this.searchPath = searchPath;
    }

    public BackupResult run(Path root) {
        BackupSource source = new BackupSource(replica);
        PgClient pgDump = requirePgDump(source.serverMajor(), source.serverVersion());
        List<String> schemas = new ArrayList<>(List.of(CONTROL_SCHEMA));
        source.reportSchemas().stream().filter(s -> !schemas.contains(s)).forEach(schemas::add);
        Instant created = clock.instant();
        List<String> all = new ArrayList<>(schemas);
        all.addAll(mirrorSchemas);
        Manifest manifest = new Manifest(
                toolVersion(),
                source.migrationVersion(),
                source.serverVersion(),
                pgDump.version(),
                created,
                all,
                source.reports());
        requireDirectory(root);
        try {
            Path directory = write(root, manifest, new PgDumpRun(pgDump, endpoint), schemas);
            log.info("backup - {} written (migration version {})", directory, manifest.migrationVersion());
            return new BackupResult(directory, manifest, new Retention(retention).apply(root, created, directory));
        } catch (IOException e) {
            throw new WmsAnalyticsException(
                    ExitCode.FAILED, "cannot write the backup under " + root + ": " + describe(e), e);
        }
    }

    private Path write(Path root, Manifest manifest, PgDumpRun dump, List<String> schemas) throws IOException {
        String name = BackupNames.of(manifest.createdAt());
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            throw new WmsAnalyticsException(ExitCode.FAILED, "a backup named " + target + " exists already");
        }
        Path partial = root.resolve(BackupNames.partial(name));
        if (Files.exists(partial)) {
            Tree.delete(partial);
        }
        Files.createDirectory(partial);
        try {
            dump.dump(partial.resolve(DUMP), schemas, mirrorSchemas);
            manifest.write(partial);
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private PgClient requirePgDump(int serverMajor, String serverVersion) {
        PgClient pgDump = PgClient.find("pg_dump", searchPath)
                .orElseThrow(() -> new BackupToolException("pg_dump is not on the PATH; install postgresql-client" + " "
                        + serverMajor + " or newer (the replica runs PostgreSQL " + serverVersion + ")"));
        if (pgDump.major() < serverMajor) {
            throw new BackupToolException("pg_dump " + pgDump.version() + " (" + pgDump.executable()
                    + ") is older than the replica's PostgreSQL " + serverVersion + " and cannot dump it;"
                    + " install postgresql-client " + serverMajor + " or newer");
        }
        return pgDump;
    }

    private static void requireDirectory(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UsageException(root + " is not a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new WmsAnalyticsException(ExitCode.FAILED, "cannot create " + root + ": " + describe(e), e);
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Tree.delete(partial);
        } catch (IOException e) {
            log.warn("backup - cannot remove the incomplete {}: {}", partial, describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName()
                + Optional.ofNullable(e.getMessage()).map(m -> " " + m).orElse("");
    }

    private static String toolVersion() {
        return Optional.ofNullable(Backup.class.getPackage().getImplementationVersion())
                .orElse("development");
    }
}
