package com.wmsanalytics.backup;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** pg_dump is missing, cannot be run, or is older than the server: nothing was written. */
public final class BackupToolException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    BackupToolException(String message) {
        super(ExitCode.BACKUP_TOOL, message);
    }

    BackupToolException(String message, Throwable cause) {
        super(ExitCode.BACKUP_TOOL, message, cause);
    }
}
