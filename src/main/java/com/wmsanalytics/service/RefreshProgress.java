package com.wmsanalytics.service;

import com.wmsanalytics.refresh.RefreshExecutor;
import com.wmsanalytics.replication.CatchUpGate;

/** Told how a refresh goes: the gate's wait, then each view. */
public interface RefreshProgress extends CatchUpGate.Listener, RefreshExecutor.Listener {

    RefreshProgress NONE = new RefreshProgress() {
        @Override
        public void behind(long bytes, java.time.Duration waited) {}

        @Override
        public void started(com.wmsanalytics.refresh.MaterializedView view, int number, int total) {}

        @Override
        public void finished(com.wmsanalytics.refresh.ViewOutcome outcome) {}
    };
}
