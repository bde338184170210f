package com.wmsanalytics.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the backups under a directory that are older than the retention. A backup is a
 * directory named by its UTC time that holds a manifest; anything else is left alone.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Duration retention;

    Retention(Duration retention) {
        this.retention = retention;
    }

    /** The backups deleted, oldest first; {@code keep} is never deleted. */
    List<Path> apply(Path root, Instant now, Path keep) throws IOException {
        Instant cutoff = now.minus(retention);
        List<Path> deleted = new ArrayList<>();
        for (Path dir : list(root)) {
            Optional<Instant> time = BackupNames.parse(dir.getFileName().toString());
            boolean ours = time.isPresent() && Files.isRegularFile(dir.resolve(Manifest.FILE));
            if (ours && time.get().isBefore(cutoff) && !dir.equals(keep)) {
                Tree.delete(dir);
                log.info("backup - deleted {}, older than {}", dir, retention);
                deleted.add(dir);
            }
        }
        return deleted;
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .sorted()
                    .toList();
        }
    }
}
