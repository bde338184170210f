package com.wmsanalytics.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's two embedded servers, a WMS primary and an analytics replica, with their data
 * under one directory. Closing stops both and removes the directory.
 */
public final class DemoStack implements AutoCloseable {

    public static final String DATABASE = "wms_db";

    private final Path root;
    private final EmbeddedServer primary;
    private final EmbeddedServer replica;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoStack(Path root, EmbeddedServer primary, EmbeddedServer replica) {
        this.root = root;
        this.primary = primary;
        this.replica = replica;
    }

    public static DemoStack start(Path root, Optional<Path> binaries) {
        return start(root, binaries, Map.of());
    }

    /** @param settings server settings added to the logical replication ones, on both servers */
    public static DemoStack start(Path root, Optional<Path> binaries, Map<String, String> settings) {
        Map<String, String> all = EmbeddedServer.logicalReplicationSettings();
        all.putAll(settings);
        EmbeddedServer primary = EmbeddedServer.start("primary", root.resolve("primary"), all, binaries);
        EmbeddedServer replica = EmbeddedServer.start("replica", root.resolve("replica"), all, binaries);
        primary.execute("postgres", "CREATE DATABASE " + DATABASE);
        replica.execute("postgres", "CREATE DATABASE " + DATABASE);
        return new DemoStack(root, primary, replica);
    }

    public Path root() {
        return root;
    }

    public EmbeddedServer primary() {
        return primary;
    }

    public EmbeddedServer replica() {
        return replica;
    }

    public String version() {
        return primary.queryValue("postgres", "SHOW server_version");
    }

    /** The configuration a user would write for these two servers. */
    public String hocon() {
        return "wms-analytics {\n"
                + "  replica { url = \"" + replica.jdbcUrl(DATABASE) + "\", user = postgres }\n"
                + "  publishers = [ { name = wms, url = \"" + primary.jdbcUrl(DATABASE) + "\", user = postgres } ]\n"
                + "}\n";
    }

    /** Stops both servers and removes their data; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (EmbeddedServer p = primary;
                EmbeddedServer r = replica) {
            // both stop, even if one fails
        } finally {
            deleteEmpty(root);
        }
    }

    private static void deleteEmpty(Path dir) {
        try (var entries = Files.walk(dir)) {
            entries.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
