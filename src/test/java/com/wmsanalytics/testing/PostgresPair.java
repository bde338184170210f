package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a primary and a replica, real PostgreSQL servers from the embedded binaries, once
 * per test class. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>The system property {@code wms.test.pg-binaries} names a binaries archive of another
 * PostgreSQL major version; the build sets it for its second pass of the suite.
 */
public final class PostgresPair implements BeforeAllCallback, AfterAllCallback {

    public static final String DATABASE = "wms_db";

    private final Map<String, String> primarySettings = EmbeddedServer.logicalReplicationSettings();
    private final Map<String, String> replicaSettings = EmbeddedServer.logicalReplicationSettings();
    private Path root;
    private EmbeddedServer primary;
    private EmbeddedServer replica;

    public static PostgresPair logical() {
        return new PostgresPair();
    }

    /** Overrides settings of the primary, such as {@code wal_level=replica}. */
    public PostgresPair primarySettings(Consumer<Map<String, String>> change) {
        change.accept(primarySettings);
        return this;
    }

    public PostgresPair replicaSettings(Consumer<Map<String, String>> change) {
        change.accept(replicaSettings);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("wms-analytics-test-");
        primary = EmbeddedServer.start("primary", root.resolve("primary"), primarySettings, binaries());
        replica = EmbeddedServer.start("replica", root.resolve("replica"), replicaSettings, binaries());
        primary.execute("postgres", "CREATE DATABASE " + DATABASE);
        replica.execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (EmbeddedServer p = primary; EmbeddedServer r = replica) {
            dropSubscriptions();
        } finally {
            deleteQuietly(root);
        }
    }

    /** The PostgreSQL binaries archive chosen for this run, if not the class path's. */
    public static Optional<Path> binaries() {
        return Optional.ofNullable(System.getProperty("wms.test.pg-binaries")).map(Path::of);
    }

    public EmbeddedServer primary() {
        return primary;
    }

    public EmbeddedServer replica() {
        return replica;
    }

    /** Drops and recreates {@code wms_db} on both servers, subscriptions first. */
    public void resetDatabases() {
        dropSubscriptions();
        for (EmbeddedServer server : new EmbeddedServer[] {primary, replica}) {
            server.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            server.execute("postgres", "CREATE DATABASE " + DATABASE);
        }
    }

    private void dropSubscriptions() {
        if (replica == null) {
            return;
        }
        replica.execute(
                DATABASE,
                "DO $$ DECLARE s record; BEGIN "
                        + "FOR s IN SELECT subname FROM pg_subscription WHERE subdbid = "
                        + "(SELECT oid FROM pg_database WHERE datname = current_database()) LOOP "
                        + "EXECUTE format('ALTER SUBSCRIPTION %I DISABLE', s.subname); "
                        + "EXECUTE format('ALTER SUBSCRIPTION %I SET (slot_name = NONE)', s.subname); "
                        + "EXECUTE format('DROP SUBSCRIPTION %I', s.subname); END LOOP; END $$");
        primary.execute(
                "postgres",
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
