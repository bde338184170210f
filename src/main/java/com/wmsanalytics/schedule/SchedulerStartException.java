package com.wmsanalytics.schedule;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/** The scheduler could not start: its tables, its connections or its jobs are wrong. */
public class SchedulerStartException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public SchedulerStartException(String message, Throwable cause) {
        super(ExitCode.FAILED, message, cause);
    }
}
