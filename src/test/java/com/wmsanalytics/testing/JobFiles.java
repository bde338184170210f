package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job files for tests, written as a user would write them into the jobs directory. */
public final class JobFiles {

    private JobFiles() {}

    public static Path directory() {
        try {
            return Files.createTempDirectory("wms-analytics-jobs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code name.conf} with the given body inside {@code job { ... }}. */
    public static Path write(Path dir, String name, String body) {
        try {
            return Files.writeString(dir.resolve(name + ".conf"), "job {\n" + body + "\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration lines that point the service at a jobs directory, fast for tests. */
    public static String serviceConfig(Path jobsDir) {
        return "wms-analytics.scheduler { jobs-dir = \"" + jobsDir + "\", cluster-checkin-interval = 1s,"
                + " misfire-threshold = 1s, shutdown-timeout = 60s }\n"
                + "wms-analytics.http.port = 0\n"
                + "wms-analytics.gate.timeout = 20s\n";
    }
}
