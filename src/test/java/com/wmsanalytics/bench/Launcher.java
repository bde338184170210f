package com.wmsanalytics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One build's {@code bin/wms-analytics}, run as a user runs it: a whole process, start to exit. */
record Launcher(String label, Path home) {

    private static final Pattern RUN_LINE = Pattern.compile("(?m)^run \\d+ \\w+ in (\\d+) ms");

    /** One finished command: its wall time from start to exit, its exit code and its stdout. */
    record Result(Duration wall, int exitCode, String stdout) {

        /** The duration the run printed ({@code run N succeeded in 160 ms}), for a refresh. */
        Duration recorded() {
            Matcher m = RUN_LINE.matcher(stdout);
            if (!m.find()) {
                throw new IllegalStateException("no 'run N ... in X ms' line in:\n" + stdout);
            }
            return Duration.ofMillis(Long.parseLong(m.group(1)));
        }
    }

    Path script() {
        return home.resolve("bin").resolve("wms-analytics");
    }

    ProcessBuilder builder(List<String> args, Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(args);
        return new ProcessBuilder(command).directory(workingDirectory.toFile());
    }

    Result run(List<String> args, Path scratch) {
        try {
            Path out = Files.createTempFile(scratch, "stdout-", ".txt");
            ProcessBuilder builder =
                    builder(args, home).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            String stdout = Files.readString(out);
            Files.delete(out);
            return new Result(wall, exit, stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
