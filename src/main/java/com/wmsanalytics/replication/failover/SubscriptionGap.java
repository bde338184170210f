package com.wmsanalytics.replication.failover;

import java.util.Optional;

/**
 * A subscription on a replica whose timeline is not the one the subscription was last known
 * whole on: the node was promoted from a standby, or restored to a point in time. Unless the
 * promotion was prepared by {@code setup --switchover}, the transactions the old node applied
 * after this node's last replay may be missing, and nothing left on either server can prove
 * otherwise.
 *
 * @param switchover the mark a prepared switchover left for the old timeline, if any
 */
public record SubscriptionGap(
        String publisher,
        String subscription,
        int timeline,
        int recordedTimeline,
        Optional<SwitchoverMark> switchover) {

    /** Whether {@code setup} can resume the subscription after checking the switchover's mark. */
    public boolean switchedOver() {
        return switchover.isPresent();
    }

    /** The command that clears it. */
    public String fix() {
        return switchedOver() ? "wms-analytics setup" : "wms-analytics setup --resync";
    }

    /** One line: the subscription, what happened, and the fix. */
    public String message() {
        String where = "subscription " + subscription + " (publisher " + publisher + ")";
        String timelines = "(timeline " + recordedTimeline + ", now " + timeline + ")";
        if (switchedOver()) {
            return where + " is paused after a switchover to this node " + timelines + "; run '" + fix()
                    + "' to check that it skipped nothing and resume it";
        }
        return where + " may have skipped transactions: this replica was promoted from a standby " + timelines
                + " without 'setup --switchover', and the transactions the old node applied after the standby's"
                + " last replay never reach it; run '" + fix() + "' to copy its tables again";
    }
}
