package com.wmsanalytics.replication.server;

/**
 * {@code pg_subscription} is shared by every database of a cluster, so a subscription of the
 * same name can exist in another database of the replica. Every query of it keeps to the
 * database the replica's pool is connected to.
 */
public final class ThisDatabase {

    /** A condition on {@code pg_subscription s}: the subscription lives in this database. */
    public static final String SUBSCRIPTION =
            "s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private ThisDatabase() {}
}
