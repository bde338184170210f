package com.wmsanalytics.webconfig;

/** A web configuration file, or a file it names, cannot be used. The message is one line that names the file. */
public final class WebConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WebConfigException(String message) {
        super(message);
    }

    WebConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
