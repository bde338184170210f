package com.wmsanalytics;

/** The user asked for something that cannot be: an unknown view, group or publisher. */
public class UsageException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
