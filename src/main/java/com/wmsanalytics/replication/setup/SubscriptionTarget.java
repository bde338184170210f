package com.wmsanalytics.replication.setup;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.replication.failover.NewPrimarySlot;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.server.Conninfo;
import com.wmsanalytics.replication.server.HostFacts;
import com.wmsanalytics.replication.server.PublisherHosts;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Where a publisher's subscription should connect now, and whether it may move there: the host
 * of the URL, or with a multi-host URL the one host that is writable now. The subscription names
 * that host alone, so it never follows a promotion by itself (see the guide's failover
 * section).
 */
final class SubscriptionTarget {

    private final DSLContext replica;
    private final Duration connectTimeout;

    SubscriptionTarget(DSLContext replica, Duration connectTimeout) {
        this.replica = replica;
        this.connectTimeout = connectTimeout;
    }

    /** The conninfo the subscription should hold. */
    Conninfo of(PublisherConfig config) {
        if (!config.endpoint().multiHost()) {
            return Conninfo.of(config);
        }
        List<HostFacts> hosts = new PublisherHosts(connectTimeout).read(config);
        int primary = PublisherHosts.primary(hosts)
                .orElseThrow(() -> new ConnectionException(
                        "publisher " + config.name() + ": none of the hosts of url ("
                                + String.join(
                                        ", ",
                                        hosts.stream().map(HostFacts::address).toList())
                                + ") is the one writable primary",
                        null));
        return Conninfo.of(config, primary);
    }

    /**
     * When the subscription exists and would now connect to another server (the publisher failed
     * over), why its slot cannot be used there; empty when it can, or nothing moves.
     *
     * @param publisher the publisher's current primary
     */
    Optional<Finding> moveCheck(PublisherConfig config, DSLContext publisher, Conninfo target) {
        Record sub = replica.fetchOne(
                "SELECT s.subslotname FROM pg_subscription s WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                config.subscription());
        if (sub == null || sub.get("subslotname", String.class) == null) {
            return Optional.empty();
        }
        return new SubscriptionSync(replica)
                .storedConninfo(config.subscription())
                .filter(stored -> !target.sameServer(stored))
                .flatMap(stored -> new NewPrimarySlot(config, publisher)
                        .check(sub.get("subslotname", String.class), target.host() + ":" + target.port()));
    }
}
