package com.wmsanalytics.backup;

import java.nio.file.Path;
import java.util.List;

/** A finished backup: where it is, its manifest, and the old backups the retention deleted. */
public record BackupResult(Path directory, Manifest manifest, List<Path> deleted) {

    public BackupResult {
        deleted = List.copyOf(deleted);
    }
}
