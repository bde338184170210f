package com.wmsanalytics.backup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL client program found on the PATH ({@code pg_dump}, {@code pg_restore}) and the
 * major version its {@code --version} reports.
 */
public record PgClient(Path executable, int major, String version) {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(\\.\\d+)?");

    /** The program on {@code searchPath} (a PATH value), if it is there and says its version. */
    public static Optional<PgClient> find(String program, String searchPath) {
        return Arrays.stream(searchPath == null ? new String[0] : searchPath.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .map(PgClient::probe);
    }

    private static PgClient probe(Path executable) {
        String output = versionOutput(executable);
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            throw new BackupToolException(
                    executable + " --version printed no PostgreSQL version; install postgresql-client");
        }
        return new PgClient(
                executable, Integer.parseInt(m.group(1)), m.group(1) + (m.group(2) == null ? "" : m.group(2)));
    }

    private static String versionOutput(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackupToolException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupToolException("interrupted while asking " + executable + " for its version", e);
        }
    }
}
