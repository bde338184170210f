package com.wmsanalytics.bench;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.demo.DemoStack;
import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.generate.GenerateSummary;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportCatalog;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.replication.server.TableCounts;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.WmsAnalytics;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's two embedded servers with the pipeline built on them the way the demo builds it:
 * both sides migrated, WMS activity generated on the primary, replication set up and caught up.
 */
final class BenchStack implements AutoCloseable {

    static final String PUBLISHER = "wms";
    static final int DAYS = 120;
    static final long SEED = 42;

    private final DemoStack stack;
    private final WmsAnalytics app;

    private BenchStack(DemoStack stack, WmsAnalytics app) {
        this.stack = stack;
        this.app = app;
    }

    /** Starts both servers; the configuration is the demo's, with {@code refresh.parallelism} if given. */
    static BenchStack start(Optional<Integer> parallelism) throws IOException {
        return start(parallelism, BenchServer.EMBEDDED);
    }

    /** Starts both servers from {@code server}'s binaries. */
    static BenchStack start(Optional<Integer> parallelism, BenchServer server) throws IOException {
        return start(parallelism, server, "");
    }

    /** @param extraConfig configuration lines added to the demo's, such as a refresh setting */
    static BenchStack start(Optional<Integer> parallelism, BenchServer server, String extraConfig) throws IOException {
        DemoStack stack = DemoStack.start(
                Files.createTempDirectory("wms-analytics-bench-"), server.binaries(), server.settings());
        String hocon = stack.hocon()
                + parallelism
                        .map(p -> "wms-analytics.refresh.parallelism = " + p + "\n")
                        .orElse("")
                + extraConfig;
        AppConfig config = new ConfigLoader(Map.of()).load(ConfigFactory.parseString(hocon), "benchmark");
        return new BenchStack(stack, new WmsAnalytics(config, Clock.systemUTC()));
    }

    GenerateSummary build(int orders) {
        return build(orders, DAYS);
    }

    /** Both sides migrated, {@code orders} orders over {@code days} days generated, replication set up. */
    GenerateSummary build(int orders, int days) {
        app.migratePrimary(PUBLISHER);
        app.migrate();
        GenerateSummary summary = new DataGenerator(app.publisherDataSource(PUBLISHER), app.clock(), PUBLISHER)
                .generate(new GenerateRequest(orders, days, SEED), GenerateProgress.NONE);
        app.setup(new SetupStage.Listener() {
            @Override
            public void changed(String change) {}

            @Override
            public void tablesReady(String subscription, int ready, int total) {}
        });
        GateResult caughtUp = app.awaitCatchUp(Duration.ofMinutes(30), CatchUpGate.Listener.NONE);
        if (!caughtUp.satisfied()) {
            throw new IllegalStateException("the replica did not catch up after setup: "
                    + caughtUp.reason().orElse(""));
        }
        return summary;
    }

    /** Appends generated WMS activity to the benchmark's primary. */
    GenerateSummary generate(GenerateRequest request, GenerateProgress progress) {
        return new DataGenerator(app.publisherDataSource(PUBLISHER), app.clock(), PUBLISHER)
                .generate(request, progress);
    }

    WmsAnalytics app() {
        return app;
    }

    /** The configuration a user would write for the two servers. */
    String hocon() {
        return stack.hocon();
    }

    /** The replica server itself, to stop it or copy it for a standby. */
    EmbeddedServer replicaServer() {
        return stack.replica();
    }

    String version() {
        return stack.version();
    }

    List<TableCounts.Row> rowCounts() {
        return app.rowCounts(PUBLISHER);
    }

    /** Bytes the replicated {@code wms} tables take on the replica, indexes included. */
    long wmsBytes() {
        return app.replicaDsl()
                .fetchOne(
                        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'",
                        PUBLISHER)
                .get(0, Long.class);
    }

    /** The replica's materialized views as the catalog describes them now. */
    List<Report> views() {
        return new ReportCatalog(app.replicaDsl()).all();
    }

    /** A connection of its own to the replica, outside the tool's pool. */
    Connection replicaConnection() throws SQLException {
        return stack.replica().dataSource(DemoStack.DATABASE).getConnection();
    }

    /** A connection of its own to the primary. */
    Connection primaryConnection() throws SQLException {
        return stack.primary().dataSource(DemoStack.DATABASE).getConnection();
    }

    /** The subscription of the benchmark's one publisher. */
    String subscription() {
        return app.config().publisher(PUBLISHER).subscription();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            stack.close();
        }
    }
}
