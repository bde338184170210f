package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.HostFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The checks that let a publisher's subscription slot fail over to its physical standby
 * (PostgreSQL 17 slot synchronisation), over the facts of every host of its URL. A host that
 * cannot be reached, or a URL without a standby, is a warning: the standby may be rebuilt
 * later, and after a failover the old primary is gone.
 */
public final class FailoverPreflight {

    public static final int PG17 = 170000;

    private final PublisherConfig publisher;
    private final List<HostFacts> hosts;
    private final String server;

    FailoverPreflight(PublisherConfig publisher, List<HostFacts> hosts) {
        this.publisher = publisher;
        this.hosts = List.copyOf(hosts);
        this.server = "publisher " + publisher.name();
    }

    /**
     * Slot failover needs 17 on both sides: the replica creates the slot with the option, the
     * publisher keeps it. The one line a 14 to 16 deployment gets.
     */
    static Optional<Finding> version(PublisherConfig p, int publisherVersion, int replicaVersion) {
        if (!p.failover() || (publisherVersion >= PG17 && replicaVersion >= PG17)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                "publisher " + p.name(),
                "slot failover (failover = true) needs PostgreSQL 17 or later on the publisher and the replica,"
                        + " but the publisher runs " + publisherVersion / 10000 + " and the replica "
                        + replicaVersion / 10000,
                "upgrade both to PostgreSQL 17, or set failover = false for publisher " + p.name()));
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        List<HostFacts> writable = hosts.stream().filter(HostFacts::primary).toList();
        if (writable.size() > 1) {
            findings.add(new Finding(
                    server,
                    "hosts "
                            + String.join(
                                    ", ",
                                    writable.stream().map(HostFacts::address).toList())
                            + " of url are all writable, so the old primary may still take writes the other never sees",
                    "stop or demote the old primary (keep it from restarting as a primary), then run setup again"));
            return findings;
        }
        if (!publisher.failover()) {
            return findings;
        }
        Optional<HostFacts> primary = writable.stream().findFirst();
        for (HostFacts standby : hosts.stream().filter(HostFacts::standby).toList()) {
            findings.addAll(new StandbyChecks(
                            server, standby, primary, publisher.endpoint().database())
                    .run());
        }
        return findings;
    }

    List<Finding> warnings() {
        List<Finding> warnings = new ArrayList<>();
        if (!publisher.failover()) {
            return warnings;
        }
        for (HostFacts host : hosts) {
            host.unreachable()
                    .ifPresent(reason -> warnings.add(new Finding(
                            server,
                            "host " + host.address() + " of url cannot be reached, so its standby settings were not"
                                    + " checked",
                            "start it, or remove it from url if it is gone for good")));
        }
        if (hosts.stream().noneMatch(HostFacts::standby) && hosts.stream().allMatch(HostFacts::reachable)) {
            warnings.add(
                    new Finding(
                            server,
                            "url names no standby, so the subscription's slot has no checked standby to fail over to",
                            "list the standby in url (jdbc:postgresql://primary:5432,standby:5432/wms_db?targetServerType=primary)"));
        }
        return warnings;
    }

    /** The names of a list setting such as {@code synchronized_standby_slots}. */
    static List<String> names(String list) {
        return Arrays.stream(list.split(","))
                .map(s -> s.strip().replace("\"", ""))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
