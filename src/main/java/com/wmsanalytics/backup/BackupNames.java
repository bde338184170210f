package com.wmsanalytics.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A backup's directory is named by its UTC time, {@code 20261201T020000Z}, so that names sort
 * as times do. A backup in progress is written under {@code .NAME.partial}.
 */
final class BackupNames {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private BackupNames() {}

    static String of(Instant time) {
        return FORMAT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    static String partial(String name) {
        return "." + name + ".partial";
    }

    /** The time a directory name stands for, if it is a backup's name. */
    static Optional<Instant> parse(String name) {
        try {
            return Optional.of(Instant.from(FORMAT.parse(name)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
