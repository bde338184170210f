package com.wmsanalytics;

/**
 * The root of every error this program reports to its user. The message is one line that
 * names the offending key, view or server; the exit code says what kind of error it is.
 */
public class WmsAnalyticsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public WmsAnalyticsException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public WmsAnalyticsException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
