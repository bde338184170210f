package com.wmsanalytics.schedule;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC JobStore with the failover grace as a setting. Quartz declares an instance
 * failed once it has been silent for its check-in interval plus a fixed 7.5 s; at a cadence of
 * seconds that grace alone is several firings. Here it is {@code scheduler.cluster-failover-grace}.
 * As in Quartz, when this instance itself checked in late, the other's silence is measured
 * from then, so an outage of the store that held up every instance fails none of them over.
 */
public final class ClusterJobStore extends JobStoreTX {

    private long failoverGraceMillis = 7500L;

    /** Set by Quartz from {@code org.quartz.jobStore.failoverGraceMillis}. */
    public void setFailoverGraceMillis(long millis) {
        this.failoverGraceMillis = millis;
    }

    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord rec) {
        long ownSilence = System.currentTimeMillis() - lastCheckin;
        return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), ownSilence) + failoverGraceMillis;
    }
}
