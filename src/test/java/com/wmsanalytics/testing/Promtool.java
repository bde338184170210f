package com.wmsanalytics.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's {@code promtool}, from Debian's {@code prometheus} package. A missing tool fails
 * the test with the fix ({@code .ci/run} installs it); it is never a reason to skip.
 */
public final class Promtool {

    /** What one run printed, and its exit code. */
    public record Result(int exitCode, String output) {}

    private Promtool() {}

    public static Result run(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(binary()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("promtool did not finish within 60 s: " + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while promtool ran", e);
        }
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool is not installed: run 'apt-get install prometheus' (.ci/run does)");
    }
}
