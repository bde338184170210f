package com.wmsanalytics.config;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** The configuration is missing, unreadable or wrong. The message names the key and the file. */
public class ConfigException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
