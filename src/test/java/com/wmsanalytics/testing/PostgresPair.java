package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A primary and a replica, real PostgreSQL servers from the embedded binaries, for a test
 * class. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>{@link #logical()} gives the class the pair this JVM shares between test classes: it is
 * started once, and before each class every subscription, replication slot, database and role
 * (but the superuser) is dropped and an empty {@code wms_db} created on both servers. A class that changes server
 * settings, or calls {@link #isolated()} because it stops servers or must not share them, gets
 * servers of its own, started before it and stopped after it; tag such a class
 * {@code @Tag("slow")}.
 *
 * <p>The system property {@code wms.test.pg-binaries} names a binaries archive of another
 * PostgreSQL major version; the build sets it for its second pass of the suite.
 */
public final class PostgresPair implements BeforeAllCallback, AfterAllCallback {

    public static final String DATABASE = "wms_db";

    private final Map<String, String> primarySettings = EmbeddedServer.logicalReplicationSettings();
    private final Map<String, String> replicaSettings = EmbeddedServer.logicalReplicationSettings();
    private boolean isolated;
    private Optional<Path> archive = Optional.empty();
    private boolean ownBinaries;
    private ServerPair servers;

    public static PostgresPair logical() {
        return new PostgresPair();
    }

    /** Gives the class servers of its own instead of the shared pair. */
    public PostgresPair isolated() {
        isolated = true;
        return this;
    }

    /** Starts the class's servers from this binaries archive, whatever the run's version; they are its own. */
    public PostgresPair binaries(Path binariesArchive) {
        archive = Optional.of(binariesArchive);
        ownBinaries = true;
        return isolated();
    }

    /**
     * Starts the class's servers from Debian's {@code postgresql-15} as packaged (see
     * {@link DebianPostgres}), whatever the run's version; they are its own.
     */
    public PostgresPair debian15() {
        primarySettings.putAll(DebianPostgres.settings());
        replicaSettings.putAll(DebianPostgres.settings());
        return binaries(DebianPostgres.archive());
    }

    /**
     * Starts the class's servers from the binaries on the class path (PostgreSQL 17, the first
     * pass's), whatever the run's version; they are its own. For a class whose tests need 17.
     */
    public PostgresPair classPathBinaries() {
        archive = Optional.empty();
        ownBinaries = true;
        return isolated();
    }

    /** The PostgreSQL 14 binaries archive, which the build hands to both passes. */
    public static Path pg14Archive() {
        String archive = System.getProperty("wms.test.pg14-binaries");
        if (archive == null) {
            throw new IllegalStateException("the system property wms.test.pg14-binaries is not set (see the pom)");
        }
        return Path.of(archive);
    }

    /** The binaries this class's servers run. */
    private Optional<Path> serverBinaries() {
        return ownBinaries ? archive : binaries();
    }

    /** Overrides settings of the primary, such as {@code wal_level=replica}; the class gets servers of its own. */
    public PostgresPair primarySettings(Consumer<Map<String, String>> change) {
        change.accept(primarySettings);
        return isolated();
    }

    /** Overrides settings of the replica; the class gets servers of its own. */
    public PostgresPair replicaSettings(Consumer<Map<String, String>> change) {
        change.accept(replicaSettings);
        return isolated();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (isolated) {
            servers = ServerPair.start(primarySettings, replicaSettings, serverBinaries());
            return;
        }
        servers = SharedPair.resetOrStart(() -> ServerPair.start(primarySettings, replicaSettings, binaries()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isolated && servers != null) {
            servers.close();
        }
    }

    /** Whether the class's servers run the pass's PostgreSQL version rather than binaries of its own choosing. */
    boolean followsThePass() {
        return !ownBinaries;
    }

    /** The PostgreSQL binaries archive chosen for this run, if not the class path's. */
    public static Optional<Path> binaries() {
        return Optional.ofNullable(System.getProperty("wms.test.pg-binaries")).map(Path::of);
    }

    public EmbeddedServer primary() {
        return servers.primary();
    }

    public EmbeddedServer replica() {
        return servers.replica();
    }

    /**
     * Starts a third server: a hot standby of the replica, streaming from it through a physical
     * slot. Only a class with servers of its own may have one; it stops with the pair.
     */
    public PhysicalStandby standbyOfReplica() {
        if (!isolated) {
            throw new IllegalStateException(
                    "a standby needs servers of the class's own: use PostgresPair.logical().isolated()");
        }
        return servers.standbyOf(replica(), replicaSettings, serverBinaries());
    }

    /**
     * Starts a third server: a hot standby of the primary (the publisher), streaming from it
     * through a physical slot, with the primary's settings. Only a class with servers of its own
     * may have one; it stops with the pair.
     */
    public PhysicalStandby standbyOfPrimary() {
        if (!isolated) {
            throw new IllegalStateException(
                    "a standby needs servers of the class's own: use PostgresPair.logical().isolated()");
        }
        return servers.standbyOf(primary(), primarySettings, serverBinaries());
    }

    /**
     * Drops every subscription, replication slot, database and role on both servers and creates
     * an empty {@code wms_db} again, as before each class.
     */
    public void resetDatabases() {
        servers.reset();
    }
}
