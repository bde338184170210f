package com.wmsanalytics.replication.server;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/**
 * The analytics node is a standby: a refresh, a verify or the scheduler cannot write there,
 * so it is refused before the gate and before anything is recorded.
 */
public final class StandbyRefusedException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    public StandbyRefusedException(String node, NodeRole role) {
        super(ExitCode.STANDBY, message(node, role));
    }

    private static String message(String node, NodeRole role) {
        return "the replica " + node + " is a standby (in recovery), where nothing can be refreshed or recorded; "
                + role.upstream()
                        .map(u -> "the writable node is probably " + u + ", which it replays from: point"
                                + " wms-analytics.replica.url at it")
                        .orElse("point wms-analytics.replica.url at the writable node");
    }
}
