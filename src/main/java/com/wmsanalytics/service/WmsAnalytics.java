package com.wmsanalytics.service;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.db.Servers;
import com.wmsanalytics.replication.CatchUpGate;
import com.wmsanalytics.replication.Finding;
import com.wmsanalytics.replication.GateResult;
import com.wmsanalytics.replication.Preflight;
import com.wmsanalytics.replication.SetupStage;
import com.wmsanalytics.replication.TableCounts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The facade: one method per operation. The CLI's subcommands map onto it one to one, and
 * the scheduler service calls the same methods.
 */
public final class WmsAnalytics implements AutoCloseable {

    private final AppConfig config;
    private final Clock clock;
    private final Servers servers;

    public WmsAnalytics(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.servers = new Servers(config);
    }

    public AppConfig config() {
        return config;
    }

    public Migrator.Outcome migrate() {
        return Migrator.migrateReplica(servers.replica());
    }

    public Migrator.Outcome migratePrimary(String publisher) {
        return Migrator.migratePrimary(publisher, servers.publisher(publisher));
    }

    public List<Finding> preflight() {
        return new Preflight(servers.replicaDsl(), servers.publisherDsls()).run();
    }

    public List<String> setup(SetupStage.Listener listener) {
        return new SetupStage(servers.replicaDsl(), servers.publisherDsls(), clock).run(config.syncTimeout(), listener);
    }

    /** Waits until the replica has caught up with every publisher, as of now. */
    public GateResult awaitCatchUp(Duration timeout, CatchUpGate.Listener listener) {
        return new CatchUpGate(servers.replicaDsl(), servers.publisherDsls(), clock, config.gate().pollInterval())
                .await(timeout, listener);
    }

    public List<TableCounts.Row> rowCounts(String publisher) {
        return TableCounts.compare(config.publisher(publisher), servers.publisherDsl(publisher), servers.replicaDsl());
    }

    @Override
    public void close() {
        servers.close();
    }
}
