package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running primary and replica, and how to bring both back to an empty {@code wms_db}.
 * {@link SharedPair} keeps the one a test JVM shares between its classes.
 */
final class ServerPair implements AutoCloseable {

    private final Path root;
    private final EmbeddedServer primary;
    private final EmbeddedServer replica;
    private final List<PhysicalStandby> standbys = new ArrayList<>();

    private ServerPair(Path root, EmbeddedServer primary, EmbeddedServer replica) {
        this.root = root;
        this.primary = primary;
        this.replica = replica;
    }

    static ServerPair start(
            Map<String, String> primarySettings, Map<String, String> replicaSettings, Optional<Path> binaries) {
        try {
            Path root = Files.createTempDirectory("wms-analytics-test-");
            EmbeddedServer primary = FreshServers.start("primary", root.resolve("primary"), primarySettings, binaries);
            EmbeddedServer replica = FreshServers.start("replica", root.resolve("replica"), replicaSettings, binaries);
            ServerPair pair = new ServerPair(root, primary, replica);
            pair.createDatabase();
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EmbeddedServer primary() {
        return primary;
    }

    EmbeddedServer replica() {
        return replica;
    }

    /** A third server: a physical standby of {@code source}, in a directory of this pair's, stopped with it. */
    PhysicalStandby standbyOf(EmbeddedServer source, Map<String, String> settings, Optional<Path> binaries) {
        PhysicalStandby standby =
                PhysicalStandby.of(source, root.resolve("standby-" + (standbys.size() + 1)), settings, binaries);
        standbys.add(standby);
        return standby;
    }

    /**
     * Drops every subscription, replication slot, database and role a test left behind, on
     * both servers, and creates an empty {@code wms_db} again.
     */
    void reset() {
        Cleanup.dropSubscriptions(replica);
        for (EmbeddedServer server : List.of(primary, replica)) {
            Cleanup.dropReplicationSlots(server);
            Cleanup.dropDatabases(server);
            Cleanup.dropRoles(server);
        }
        createDatabase();
    }

    private void createDatabase() {
        for (EmbeddedServer server : List.of(primary, replica)) {
            server.execute("postgres", "CREATE DATABASE " + PostgresPair.DATABASE);
        }
    }

    @Override
    public void close() {
        standbys.forEach(PhysicalStandby::close);
        try (EmbeddedServer p = primary;
                EmbeddedServer r = replica) {
            Cleanup.dropSubscriptions(replica);
        } catch (RuntimeException stoppedByTheTest) {
            // A class that stops the replica (a failover test) leaves nothing to drop there.
        } finally {
            deleteQuietly(root);
        }
    }

    /** Stops what still runs of a pair that can no longer be reset, ignoring what fails. */
    void closeQuietly() {
        standbys.forEach(PhysicalStandby::close);
        for (EmbeddedServer server : List.of(primary, replica)) {
            try {
                server.close();
            } catch (RuntimeException alreadyStopped) {
                // The server is gone already; its data directory goes below.
            }
        }
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
