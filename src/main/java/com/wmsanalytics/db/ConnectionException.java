package com.wmsanalytics.db;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** A server could not be reached, or it refused the login. */
public class ConnectionException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause) {
        super(ExitCode.CANNOT_CONNECT, message, cause);
    }
}
