package com.wmsanalytics.replication;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;

/**
 * A subscription skipped transactions after a promotion of the replica: its replication
 * origin is behind what its slot on the publisher confirmed. Refreshed reports would claim
 * data they lack, so the refresh is refused until {@code setup --resync}.
 */
public final class ResyncNeededException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    ResyncNeededException(SubscriptionGap gap) {
        super(
                ExitCode.RESYNC_NEEDED,
                "subscription " + gap.subscription() + " (publisher " + gap.publisher()
                        + ") may have skipped transactions: the replica is on timeline " + gap.timeline()
                        + " since it was last"
                        + " known whole (timeline " + gap.recordedTimeline() + "), and its origin is at "
                        + gap.originLsn()
                        + ", behind the " + gap.slotLsn()
                        + " its slot confirmed; run 'wms-analytics setup --resync' to copy its"
                        + " tables again");
    }
}
