package com.wmsanalytics.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One PostgreSQL server started from the embedded binaries, configured for logical
 * replication. The demo runs two of them; the tests run two per test class.
 */
public final class EmbeddedServer implements AutoCloseable {

    /** The settings every embedded server gets unless the caller overrides them. */
    public static Map<String, String> logicalReplicationSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("wal_level", "logical");
        settings.put("max_replication_slots", "10");
        settings.put("max_wal_senders", "10");
        settings.put("max_logical_replication_workers", "8");
        settings.put("max_worker_processes", "16");
        settings.put("wal_sender_timeout", "10s");
        settings.put("wal_receiver_status_interval", "1s");
        return settings;
    }

    private final String name;
    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(String name, Path dataDirectory, EmbeddedPostgres postgres) {
        this.name = name;
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory}.
     *
     * @param binaries a {@code postgres-linux-x86_64.txz} archive to run instead of the
     *     binaries on the class path, for running the same code on another major version
     */
    public static EmbeddedServer start(
            String name, Path dataDirectory, Map<String, String> settings, Optional<Path> binaries) {
        try {
            Files.createDirectories(dataDirectory);
            return new EmbeddedServer(
                    name,
                    dataDirectory,
                    builder(dataDirectory, settings, binaries)
                            .setCleanDataDirectory(true)
                            .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL server " + name, e);
        }
    }

    /**
     * Starts a server on a data directory that already holds a cluster, such as a copy taken
     * for a physical standby, or one stopped earlier. The directory is kept when it stops.
     *
     * @param port the port to listen on; 0 picks a free one
     */
    public static EmbeddedServer startExisting(
            String name, Path dataDirectory, Map<String, String> settings, Optional<Path> binaries, int port) {
        try {
            EmbeddedPostgres.Builder builder =
                    builder(dataDirectory, settings, binaries).setCleanDataDirectory(false);
            if (port != 0) {
                builder.setPort(port);
            }
            return new EmbeddedServer(name, dataDirectory, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL server " + name, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(
            Path dataDirectory, Map<String, String> settings, Optional<Path> binaries) {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        binaries.ifPresent(archive -> builder.setPgBinaryResolver(fromFile(archive)));
        return builder;
    }

    private static PgBinaryResolver fromFile(Path archive) {
        return (system, machine) -> {
            InputStream in = Files.newInputStream(archive);
            return in;
        };
    }

    public String name() {
        return name;
    }

    /** Where the server keeps its data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The superuser the embedded binaries create. */
    public String superuser() {
        return "postgres";
    }

    /** Runs one statement as the superuser in the given database. */
    public void execute(String database, String sql) {
        try (Connection c = postgres.getDatabase(superuser(), database).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** Runs one query as the superuser and returns the first column of its first row. */
    public String queryValue(String database, String sql) {
        try (Connection c = postgres.getDatabase(superuser(), database).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase(superuser(), database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL server " + name, e);
        }
    }
}
