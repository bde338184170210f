package com.wmsanalytics.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Maps the settings of the long-running service: {@code scheduler} and {@code http}. */
final class ServiceSettingsMapper {

    /** The width of Quartz's sched_name column, which holds the instance name. */
    static final int MAX_INSTANCE_NAME = 120;

    private ServiceSettingsMapper() {}

    static SchedulerSettings scheduler(ConfigReader r) {
        return new SchedulerSettings(
                path(r, "jobs-dir"),
                r.positiveInt("threads"),
                r.positiveDuration("shutdown-timeout"),
                instanceName(r),
                r.positiveDuration("cluster-checkin-interval"),
                r.positiveDuration("cluster-failover-grace"),
                r.positiveDuration("misfire-threshold"),
                r.positiveDuration("store-retry-interval"));
    }

    static HttpSettings http(ConfigReader r) {
        String webConfig = r.string("web-config-file");
        return new HttpSettings(
                r.bool("enabled"),
                nonBlank(r, "host"),
                r.intBetween("port", 0, 65535),
                webConfig.isBlank() ? Optional.empty() : Optional.of(path(r, "web-config-file")),
                r.bool("health-open"),
                r.positiveDuration("request-timeout"),
                r.intBetween("max-connections", 1, 100_000));
    }

    static Path path(ConfigReader r, String key) {
        String value = nonBlank(r, key);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw r.error(key, "'" + value + "' is not a path (" + e.getReason() + ")");
        }
    }

    private static String instanceName(ConfigReader r) {
        String name = nonBlank(r, "instance-name");
        if (name.length() > MAX_INSTANCE_NAME) {
            throw r.error(
                    "instance-name", "must be at most " + MAX_INSTANCE_NAME + " characters, got " + name.length());
        }
        return name;
    }

    private static String nonBlank(ConfigReader r, String key) {
        String value = r.string(key);
        if (value.isBlank()) {
            throw r.error(key, "must not be empty");
        }
        return value;
    }
}
