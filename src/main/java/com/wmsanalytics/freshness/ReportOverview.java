package com.wmsanalytics.freshness;

import com.wmsanalytics.history.ReportDetails;

/** One report on the freshness page: its state against its objective, and its refreshes. */
public record ReportOverview(ReportFreshness freshness, ReportDetails details) {}
