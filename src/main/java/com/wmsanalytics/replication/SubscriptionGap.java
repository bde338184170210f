package com.wmsanalytics.replication;

/**
 * A subscription whose replication origin on the replica is behind the confirmed position of
 * its slot on the publisher, on a timeline other than the one it was last known whole on.
 */
public record SubscriptionGap(
        String publisher, String subscription, int timeline, int recordedTimeline, String originLsn, String slotLsn) {}
