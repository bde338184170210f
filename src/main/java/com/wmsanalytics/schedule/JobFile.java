package com.wmsanalytics.schedule;

import com.wmsanalytics.config.ConfigException;
import com.wmsanalytics.config.ConfigReader;
import com.wmsanalytics.config.TimeZones;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates one job file into a {@link JobDefinition}. */
final class JobFile {

    static final String SUFFIX = ".conf";
    static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    /** As the refresh_group_member table allows. */
    static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_]*");

    static final Pattern VIEW = Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}");

    private JobFile() {}

    static JobDefinition read(Path file) {
        String name = jobName(file);
        ConfigReader r = JobReader.open(file);
        r.requireObject("job", "an object { cron = ..., time-zone = ..., ... }");
        JobDefinition.Action action = action(r);
        boolean verify = action == JobDefinition.Action.VERIFY;
        boolean backup = action == JobDefinition.Action.BACKUP;
        if (backup) {
            requireNoTarget(r);
        }
        return new JobDefinition(
                name,
                CronCheck.read(r, "job.cron"),
                zone(r),
                backup ? Optional.empty() : group(r, verify),
                views(r),
                r.optionalPositiveDuration("job.gate-timeout"),
                retry(r),
                r.bool("job.enabled"),
                r.source(),
                action,
                repair(r, verify),
                directory(r, backup),
                r.bool("job.coalesce"));
    }

    private static JobDefinition.Action action(ConfigReader r) {
        String action = r.optionalString("job.action").orElse("refresh");
        return switch (action) {
            case "refresh" -> JobDefinition.Action.REFRESH;
            case "verify" -> JobDefinition.Action.VERIFY;
            case "backup" -> JobDefinition.Action.BACKUP;
            default -> throw r.error("job.action", "expected refresh, verify or backup, got '" + action + "'");
        };
    }

    private static boolean repair(ConfigReader r, boolean verify) {
        if (r.isSet("job.repair") && !verify) {
            throw r.error("job.repair", "only a verify job repairs; set action = verify or remove repair");
        }
        return r.isSet("job.repair") && r.bool("job.repair");
    }

    private static void requireNoTarget(ConfigReader r) {
        for (String key : List.of("job.group", "job.views")) {
            if (r.isSet(key)) {
                throw r.error(key, "a backup job dumps the whole replica; remove " + key.substring(4));
            }
        }
    }

    private static Optional<Path> directory(ConfigReader r, boolean backup) {
        if (!backup) {
            if (r.isSet("job.directory")) {
                throw r.error("job.directory", "only a backup job has a directory; set action = backup or remove it");
            }
            return Optional.empty();
        }
        if (!r.isSet("job.directory")) {
            throw r.error("job.directory", "a backup job needs the directory of its backups");
        }
        return Optional.of(Path.of(r.string("job.directory")));
    }

    private static String jobName(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (!JOB_NAME.matcher(name).matches()) {
            throw new ConfigException(file + ": '" + name
                    + "' is not a job name: the file name without .conf must match [a-z][a-z0-9_-]*");
        }
        return name;
    }

    private static ZoneId zone(ConfigReader r) {
        TimeZones.ZoneIdOrReason parsed = TimeZones.parse(r.string("job.time-zone"));
        return parsed.zone().orElseThrow(() -> r.error("job.time-zone", parsed.reason()));
    }

    private static Optional<String> group(ConfigReader r, boolean verify) {
        boolean group = r.isSet("job.group");
        if (group == r.isSet("job.views") && !(verify && !group)) {
            throw group
                    ? r.error("job.views", "set either group or views, not both")
                    : r.error("job", "set either group or views");
        }
        return r.optionalString("job.group").map(g -> checked(r, g));
    }

    private static String checked(ConfigReader r, String group) {
        if (!GROUP.matcher(group).matches()) {
            throw r.error("job.group", "'" + group + "' is not a group name (lower-case letters, digits and _)");
        }
        return group;
    }

    private static List<String> views(ConfigReader r) {
        if (!r.isSet("job.views")) {
            return List.of();
        }
        List<String> views = r.stringList("job.views");
        if (views.isEmpty()) {
            throw r.error("job.views", "name at least one view, or use group");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < views.size(); i++) {
            checkView(r, i, views.get(i), seen);
        }
        return views;
    }

    private static void checkView(ConfigReader r, int index, String view, Set<String> seen) {
        if (!VIEW.matcher(view).matches()) {
            throw r.elementError(
                    "job.views",
                    index,
                    "'" + view + "' is not a view name; use schema.view (lower-case letters, digits and _)");
        }
        if (!seen.add(view)) {
            throw r.elementError("job.views", index, "'" + view + "' is listed twice");
        }
    }

    private static RetryPolicy retry(ConfigReader r) {
        r.requireObject("job.retry", "an object { failed-attempts = ..., backoff = ..., skipped-backoff = ... }");
        return new RetryPolicy(
                r.nonNegativeInt("job.retry.failed-attempts"),
                r.positiveDuration("job.retry.backoff"),
                r.positiveDuration("job.retry.skipped-backoff"));
    }
}
