package com.wmsanalytics.backup;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.config.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code pg_dump} in directory format. The connection goes through libpq's
 * environment ({@code PGHOST}, {@code PGPASSWORD}, ...), so the password is never on a command
 * line. A failure is reduced to pg_dump's first error line; the whole of its output is logged
 * at debug ({@code --verbose}).
 */
final class PgDumpRun {

    private static final Logger log = LoggerFactory.getLogger(PgDumpRun.class);
    private static final String ERROR_PREFIX = "pg_dump: error: ";

    private final PgClient pgDump;
    private final Endpoint replica;

    PgDumpRun(PgClient pgDump, Endpoint replica) {
        this.pgDump = pgDump;
        this.replica = replica;
    }

    /**
     * Dumps {@code schemas} with their rows and {@code structureOnly} without them into
     * {@code target}, which must not exist yet.
     */
    void dump(Path target, List<String> schemas, List<String> structureOnly) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(arguments(target, schemas, structureOnly));
        environment(builder.environment());
        Path stderr = Files.createTempFile("wms-analytics-pg_dump-", ".log");
        try {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
            int status = waitFor(builder.start());
            String output = Files.readString(stderr, StandardCharsets.UTF_8);
            if (status != 0) {
                log.debug("backup - pg_dump exited {}:\n{}", status, output);
                throw new WmsAnalyticsException(ExitCode.FAILED, "pg_dump failed: " + firstError(output, status));
            }
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private List<String> arguments(Path target, List<String> schemas, List<String> structureOnly) {
        List<String> args = new ArrayList<>(List.of(
                pgDump.executable().toString(),
                "--format=directory",
                "--compress=6",
                "--file=" + target,
                "--no-subscriptions",
                "--no-publications",
                "--lock-wait-timeout=5min"));
        for (String schema : schemas) {
            args.add("--schema=" + exact(schema));
        }
        for (String schema : structureOnly) {
            args.add("--schema=" + exact(schema));
            args.add("--exclude-table-data=" + exact(schema) + ".*");
        }
        return args;
    }

    /** libpq's environment for the replica; an inherited password is dropped unless one is configured. */
    private void environment(Map<String, String> env) {
        env.put("PGHOST", replica.host());
        env.put("PGPORT", replica.port());
        env.put("PGDATABASE", replica.database());
        env.put("PGUSER", replica.user());
        env.put("PGAPPNAME", "wms-analytics backup");
        env.remove("PGPASSWORD");
        replica.password().reveal().ifPresent(p -> env.put("PGPASSWORD", p));
    }

    /** A pg_dump pattern that matches this one name only. */
    private static String exact(String name) {
        return "\"" + name + "\"";
    }

    private static int waitFor(Process process) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pg_dump ran", e);
        }
    }

    static String firstError(String output, int status) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream()
                .filter(l -> l.startsWith(ERROR_PREFIX))
                .map(l -> l.substring(ERROR_PREFIX.length()))
                .findFirst()
                .or(() -> lines.stream().reduce((a, b) -> b))
                .orElse("it exited with status " + status);
    }
}
