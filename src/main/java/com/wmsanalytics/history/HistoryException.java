package com.wmsanalytics.history;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** The run history could not be written or read. The cause is the database's error. */
public class HistoryException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message, Throwable cause) {
        super(ExitCode.FAILED, message, cause);
    }

    public HistoryException(String message) {
        super(ExitCode.FAILED, message);
    }
}
