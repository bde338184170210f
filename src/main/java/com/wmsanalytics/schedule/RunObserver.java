package com.wmsanalytics.schedule;

import com.wmsanalytics.service.RefreshReport;

/** Told when a scheduled run ends, e.g. to update the metrics. */
public interface RunObserver {

    void finished(String job, RefreshReport report);

    RunObserver NONE = (job, report) -> {};
}
