package com.wmsanalytics.cli;

import com.wmsanalytics.replication.server.NodeRole;
import com.wmsanalytics.replication.server.StandbyRefusedException;
import com.wmsanalytics.service.WmsAnalytics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the service back while the replica is a standby: the scheduler's store and the run
 * history live there and cannot be written. One line when the wait starts (and when the
 * standby's upstream changes), one when the node is writable.
 */
final class StandbyWait {

    private static final Logger log = LoggerFactory.getLogger(StandbyWait.class);

    private StandbyWait() {}

    /** Returns true once the replica is writable, false if the service is stopped first. */
    static boolean untilWritable(WmsAnalytics app, StopSignal stop, Duration interval) throws InterruptedException {
        NodeRole seen = null;
        for (NodeRole role = app.replicaRole(); role.standby(); role = app.replicaRole()) {
            if (!role.equals(seen)) {
                log.warn(
                        "replica - the scheduler is not started: {}; checking again every {}",
                        new StandbyRefusedException(app.replicaAddress(), role).getMessage(),
                        interval);
                seen = role;
            }
            if (stop.await(interval)) {
                return false;
            }
        }
        if (seen != null) {
            log.info("replica - is writable now: starting the scheduler");
        }
        return true;
    }
}
