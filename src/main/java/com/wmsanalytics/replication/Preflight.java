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
