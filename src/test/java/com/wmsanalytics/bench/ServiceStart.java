package com.wmsanalytics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wms-analytics run} through a launcher: the time from launch until {@code /health/ready}
 * answers 200, then the resident memory of the idle service.
 */
final class ServiceStart {

    /** One start: launch to ready, and the process's VmRSS after {@code idle}. */
    record Result(Duration toReady, long idleRssBytes) {}

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Path config;
    private final int port;
    private final Duration idle;

    ServiceStart(Path config, int port, Duration idle) {
        this.config = config;
        this.port = port;
        this.idle = idle;
    }

    Result measure(Launcher launcher, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = launcher.builder(List.of("run", "--config", config.toString()), launcher.home())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            Duration toReady = awaitReady(process, start, log);
            Thread.sleep(idle.toMillis());
            return new Result(toReady, rss(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Duration awaitReady(Process process, long start, Path log) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() - start < READY_LIMIT.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException notListeningYet) {
                // the port is not bound yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(
                "the service was not ready within " + READY_LIMIT + ":\n" + Files.readString(log));
    }

    /** VmRSS of the process, from /proc. */
    private static long rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
