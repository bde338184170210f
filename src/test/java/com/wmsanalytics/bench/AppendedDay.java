package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateSummary;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.util.List;

/**
 * One appended day: what the generator wrote, how long the replica took to catch up, the
 * incremental refresh of the daily group and the old cron refresh that followed it, what a
 * reader saw during each, and whether the reports matched their old-style copies.
 */
record AppendedDay(
        GenerateSummary appended,
        Duration catchUp,
        RefreshReport incremental,
        ReaderLatency incrementalReader,
        CronViews.Run cron,
        ReaderLatency cronReader,
        List<SameRows.Difference> differences) {}
