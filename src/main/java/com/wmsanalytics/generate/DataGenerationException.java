package com.wmsanalytics.generate;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** The data generator could not load its data; the run's transaction was rolled back. */
public class DataGenerationException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public DataGenerationException(String message) {
        super(ExitCode.FAILED, message);
    }

    public DataGenerationException(String message, Throwable cause) {
        super(ExitCode.FAILED, message, cause);
    }

    DataGenerationException(ExitCode exitCode, String message) {
        super(exitCode, message);
    }
}
