package com.wmsanalytics.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@code wms-analytics run} in a process of its own, as systemd would start it. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final File log;

    private ServiceProcess(Process process, File log) {
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(Path config) {
        return start(config, List.of());
    }

    /** @param jvmOptions such as {@code -Dlogback.configurationFile=conf/logback.xml}, the unit's logging */
    public static ServiceProcess start(Path config, List<String> jvmOptions) {
        try {
            File log = File.createTempFile("wms-analytics-service-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    // A test's service lives for seconds: the quick compiler alone spends far
                    // less of the machine's two cores than the optimising one would.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC"));
            command.addAll(jvmOptions);
            command.addAll(
                    List.of("-cp", classPath(), "com.wmsanalytics.cli.Main", "run", "--config", config.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            return new ServiceProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class path to start the service with: this JVM's, or under {@code exec:java}, which
     * loads the project through a class loader of its own, that loader's.
     */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
                && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs())
                    .map(url -> {
                        try {
                            return Path.of(url.toURI()).toString();
                        } catch (URISyntaxException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the service logs that it runs. */
    public ServiceProcess awaitRunning() {
        Await.until(
                "the service runs",
                Duration.ofSeconds(30),
                () -> {
                    if (!process.isAlive() && !log().contains("wms-analytics - running")) {
                        throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + log());
                    }
                    return log().contains("wms-analytics - running");
                },
                this::log);
        return this;
    }

    /** Sends SIGTERM and returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within 90 s:\n" + log());
        }
        return process.exitValue();
    }

    /** Kills the process as a crash or kill -9 would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
