package com.wmsanalytics.service;

import com.wmsanalytics.refresh.RefreshExecutor;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.replication.gate.CatchUpGate;
import java.time.Duration;

/** Told how a refresh goes: the gate's wait, then each view. */
public interface RefreshProgress extends CatchUpGate.Listener, RefreshExecutor.Listener {

    RefreshProgress NONE = new RefreshProgress() {
        @Override
        public void behind(long bytes, Duration waited) {}

        @Override
        public void started(Report view, int number, int total) {}

        @Override
        public void finished(ReportOutcome outcome) {}
    };
}
