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
 * Debian's headless Chromium, driven from the command line. A missing browser fails the test
 * with the fix ({@code .ci/run} installs it); it is never a reason to skip.
 */
public final class Chromium {

    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars");

    private Chromium() {}

    /** The DOM after the page loaded, serialized. */
    public static String dumpDom(String url) {
        return dumpDom(url, List.of());
    }

    /** The same, with more flags, such as {@link #trusting(String)}. */
    public static String dumpDom(String url, List<String> flags) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("--dump-dom", url));
        return run(args);
    }

    /** Writes a PNG of the page in a window of the given size. */
    public static void screenshot(String url, Path png, int width, int height) {
        screenshot(url, png, width, height, List.of());
    }

    public static void screenshot(String url, Path png, int width, int height, List<String> flags) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url));
        run(args);
    }

    /**
     * The flag that makes Chromium trust a server certificate by the SHA-256 of its public key
     * (base64), as a test's own CA would be trusted once installed.
     */
    public static List<String> trusting(String spkiSha256) {
        return List.of("--ignore-certificate-errors-spki-list=" + spkiSha256);
    }

    private static String run(List<String> args) {
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            File out = File.createTempFile("chromium-", ".out");
            File err = File.createTempFile("chromium-", ".err");
            List<String> command = new ArrayList<>(List.of(binary()));
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(args);
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish within 90 s: " + Files.readString(err.toPath()));
            }
            deleteTree(profile);
            if (p.exitValue() != 0) {
                throw new AssertionError(
                        "chromium exited with " + p.exitValue() + ": " + Files.readString(err.toPath()));
            }
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while chromium ran", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("chromium is not installed: run 'apt-get install chromium' (.ci/run does)");
    }
}
