package com.wmsanalytics.replication.failover;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/**
 * A subscription may have skipped transactions after a promotion of the replica, or waits for
 * {@code setup} after a switchover. Refreshed reports would claim data they may lack, so the
 * refresh is refused until {@code setup --resync} (or {@code setup}, after a switchover).
 */
public final class ResyncNeededException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    ResyncNeededException(SubscriptionGap gap) {
        super(ExitCode.RESYNC_NEEDED, gap.message());
    }

    ResyncNeededException(String message) {
        super(ExitCode.RESYNC_NEEDED, message);
    }
}
