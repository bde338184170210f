package com.wmsanalytics.report;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import java.nio.file.Path;

/** A report file that cannot be installed: it names the file, the line and the fault. Nothing was changed. */
public final class ReportFileException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    ReportFileException(Path file, int line, String fault) {
        super(ExitCode.USAGE, file + " line " + line + ": " + fault);
    }

    ReportFileException(Path file, int line, String fault, Throwable cause) {
        super(ExitCode.USAGE, file + " line " + line + ": " + fault, cause);
    }
}
