package com.wmsanalytics;

import java.util.List;

/**
 * The root of every error this program reports to its user. The message is one line that
 * names the offending key, view or server; the exit code says what kind of error it is. An
 * error with several findings has one line per finding ({@link #lines()}).
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

    /** The lines the user is shown: the message, unless a subclass has several findings. */
    public List<String> lines() {
        return List.of(getMessage());
    }
}
