package com.wmsanalytics.schedule;

import com.wmsanalytics.service.RefreshReport;

/** Told when a scheduled run ends, e.g. to update the metrics. */
public interface RunObserver {

    void finished(String job, RefreshReport report);

    /** A firing ended in an error, for example a server that could not be reached. */
    default void failed(String job) {}

    RunObserver NONE = (job, report) -> {};
}
