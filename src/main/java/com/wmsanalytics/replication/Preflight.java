package com.wmsanalytics.replication;

import com.wmsanalytics.config.PublisherConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Checks, without changing anything, that every publisher and the replica are fit for
 * logical replication: settings, roles, replica identities and column drift.
 */
public final class Preflight {

    private final DSLContext replica;
    private final Map<PublisherConfig, DSLContext> publishers;

    /** @param publishers each publisher with its connection, in configuration order */
    public Preflight(DSLContext replica, Map<PublisherConfig, DSLContext> publishers) {
        this.replica = replica;
        this.publishers = publishers;
    }

    /**
     * What does not stop setup but puts a publisher at risk: each a line to show the user.
     * Today one: a slot may retain WAL without bound and fill the primary's disk.
     */
    public List<Finding> warnings() {
        List<Finding> warnings = new ArrayList<>();
        publishers.forEach((config, db) -> {
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
        publishers.forEach((config, db) -> {
            ServerProbe probe = new ServerProbe(db);
            findings.addAll(new PublisherPreflight(config, probe).run());
            findings.addAll(new SchemaDrift(config.name())
                    .compare(probe.columns(config.schemas()), replicaProbe.columns(config.schemas())));
        });
        findings.addAll(new ReplicaPreflight(replicaProbe, publishers.size()).run());
        return findings;
    }
}
