package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.PublisherHosts;
import com.wmsanalytics.replication.server.ServerProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Checks, without changing anything, that every publisher and the replica are fit for
 * logical replication: settings, roles, replica identities and column drift.
 */
public final class Preflight {

    /** How long to wait for each host of a multi-host publisher URL, unless told otherwise. */
    public static final Duration HOST_TIMEOUT = Duration.ofSeconds(10);

    private final DSLContext replica;
    private final Map<PublisherConfig, DSLContext> publishers;
    private final PublisherHosts hosts;

    /** @param publishers each publisher with its connection, in configuration order */
    public Preflight(DSLContext replica, Map<PublisherConfig, DSLContext> publishers) {
        this(replica, publishers, HOST_TIMEOUT);
    }

    /**
     * @param hostTimeout how long to wait for each host of a multi-host publisher URL, which the
     *     failover checks reach one by one
     */
    public Preflight(DSLContext replica, Map<PublisherConfig, DSLContext> publishers, Duration hostTimeout) {
        this.replica = replica;
        this.publishers = publishers;
        this.hosts = new PublisherHosts(hostTimeout);
    }

    /**
     * What does not stop setup but puts a publisher at risk: each a line to show the user. A
     * slot may retain WAL without bound and fill the primary's disk; a host of a failover
     * publisher's URL cannot be reached, or the URL names no standby.
     */
    public List<Finding> warnings() {
        List<Finding> warnings = new ArrayList<>();
        int replicaVersion = new ServerProbe(replica).versionNum();
        publishers.forEach((config, db) -> {
            failover(config, new ServerProbe(db), replicaVersion).ifPresent(f -> warnings.addAll(f.warnings()));
            String keep = new ServerProbe(db)
                    .settings(List.of("max_slot_wal_keep_size"))
                    .get("max_slot_wal_keep_size");
            if ("-1".equals(keep)) {
                warnings.add(new Finding(
                        "publisher " + config.name(),
                        "max_slot_wal_keep_size is -1 (unbounded): if the"
                                + " replica stops confirming, its slot keeps WAL on the primary until the disk is full",
                        "set max_slot_wal_keep_size (for example 50GB, see conf/postgresql.conf.primary) and reload"));
            }
        });
        return warnings;
    }

    public List<Finding> run() {
        ServerProbe replicaProbe = new ServerProbe(replica);
        List<Finding> findings = new ArrayList<>();
        int replicaVersion = replicaProbe.versionNum();
        publishers.forEach((config, db) -> {
            ServerProbe probe = new ServerProbe(db);
            findings.addAll(new PublisherPreflight(config, probe).run());
            findings.addAll(new SchemaDrift(config.name())
                    .compare(probe.columns(config.schemas()), replicaProbe.columns(config.schemas())));
            FailoverPreflight.version(config, probe.versionNum(), replicaVersion)
                    .ifPresent(findings::add);
            failover(config, probe, replicaVersion).ifPresent(f -> findings.addAll(f.findings()));
        });
        findings.addAll(new ReplicaPreflight(replicaProbe, publishers.size()).run());
        return findings;
    }

    /**
     * The checks over every host of the URL, for a failover publisher on 17 or a multi-host URL;
     * empty otherwise (a failover publisher below 17 gets only the version's line).
     */
    private Optional<FailoverPreflight> failover(PublisherConfig config, ServerProbe probe, int replicaVersion) {
        if (FailoverPreflight.version(config, probe.versionNum(), replicaVersion)
                        .isPresent()
                || (!config.failover() && !config.endpoint().multiHost())) {
            return Optional.empty();
        }
        return Optional.of(new FailoverPreflight(config, hosts.read(config)));
    }
}
