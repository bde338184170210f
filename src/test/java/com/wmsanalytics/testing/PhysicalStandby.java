package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A hot standby of a running server, made as pg_basebackup would make it (the embedded
 * binaries have none): the source's data directory is copied between {@code pg_backup_start()}
 * and {@code pg_backup_stop()} ({@code pg_start_backup}/{@code pg_stop_backup} before 15), the
 * backup label written, {@code standby.signal} and {@code primary_conninfo} added, and the copy
 * started with the same binaries on a free port. A physical slot on the source keeps the WAL
 * the standby still needs.
 */
public final class PhysicalStandby implements AutoCloseable {

    /** The {@code application_name} the standby's WAL receiver shows in pg_stat_replication. */
    public static final String APPLICATION_NAME = "analytics_standby";

    public static final String SLOT = "analytics_standby_slot";

    /** Not copied: the source's process files, its slots, and WAL (streamed instead). */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");

    private final EmbeddedServer source;
    private final Path dataDirectory;
    private final Map<String, String> settings;
    private final Optional<Path> binaries;
    private EmbeddedServer server;
    private int port;

    private PhysicalStandby(
            EmbeddedServer source, Path dataDirectory, Map<String, String> settings, Optional<Path> binaries) {
        this.source = source;
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        this.binaries = binaries;
    }

    /** Copies {@code source} into {@code dataDirectory}, starts the copy as its standby and waits until it streams. */
    public static PhysicalStandby of(
            EmbeddedServer source, Path dataDirectory, Map<String, String> settings, Optional<Path> binaries) {
        return of(source, dataDirectory, settings, binaries, 0);
    }

    /** As above, listening on {@code port} (0 picks a free one), such as a stopped node's, so that a URL still lists it. */
    public static PhysicalStandby of(
            EmbeddedServer source,
            Path dataDirectory,
            Map<String, String> settings,
            Optional<Path> binaries,
            int port) {
        PhysicalStandby standby = new PhysicalStandby(source, dataDirectory, settings, binaries);
        standby.port = port;
        standby.copy();
        standby.start();
        standby.awaitStreaming();
        return standby;
    }

    public EmbeddedServer server() {
        return server;
    }

    /** Starts the standby again on its port, after {@link #stop()}. */
    public void start() {
        server = EmbeddedServer.startExisting("standby", dataDirectory, settings, binaries, port);
        port = server.port();
    }

    /** Stops the standby and keeps its data directory, as a shutdown of its host would. */
    public void stop() {
        server.close();
    }

    /** Waits until the standby has replayed everything the source has written so far. */
    public void awaitReplayed() {
        String target = source.queryValue("postgres", "SELECT pg_current_wal_lsn()");
        awaitTrue("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn", "replay " + target);
    }

    /** Promotes the standby and waits until it is writable. */
    public void promote() {
        server.queryValue("postgres", "SELECT pg_promote(true, 60)");
        awaitTrue("SELECT NOT pg_is_in_recovery()", "the end of recovery");
    }

    /**
     * Sets this standby up for PostgreSQL 17 slot synchronisation and reloads both servers:
     * {@code sync_replication_slots}, {@code hot_standby_feedback} and a {@code dbname} in
     * {@code primary_conninfo} here, and {@code synchronized_standby_slots} naming this standby's
     * slot on the source.
     */
    public void synchroniseSlots(String database) {
        try {
            Files.writeString(
                    dataDirectory.resolve("postgresql.auto.conf"),
                    "\nsync_replication_slots = on\nhot_standby_feedback = on\nprimary_conninfo = 'host=localhost port="
                            + source.port() + " user=" + source.superuser() + " application_name=" + APPLICATION_NAME
                            + " dbname=" + database + "'\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.queryValue("postgres", "SELECT pg_reload_conf()");
        source.execute("postgres", "ALTER SYSTEM SET synchronized_standby_slots = '" + SLOT + "'");
        source.queryValue("postgres", "SELECT pg_reload_conf()");
        awaitStreaming();
    }

    /**
     * Waits until the source's logical slot is synchronised to this standby and persisted
     * ({@code synced}, not {@code temporary}) with the source's confirmed position. While it
     * polls it logs a standby snapshot on the source, so that the slot can move on, and wakes
     * the standby's sync worker with a reload instead of waiting out its back-off (up to 30 s).
     */
    public void awaitSlotSynced(String slot) {
        String confirmed = source.queryValue(
                "postgres", "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
        String synced = "SELECT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot
                + "' AND synced AND NOT temporary AND confirmed_flush_lsn >= '" + confirmed + "')";
        for (int i = 0; i < 600; i++) {
            if ("t".equals(server.queryValue("postgres", synced))) {
                return;
            }
            if (i % 5 == 0) {
                source.queryValue("postgres", "SELECT pg_log_standby_snapshot()");
                server.queryValue("postgres", "SELECT pg_reload_conf()");
            }
            sleep();
        }
        throw new AssertionError("slot " + slot + " was not synchronised to the standby within 60 s");
    }

    private void awaitStreaming() {
        awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')", "streaming");
        awaitReplayed();
    }

    private void awaitTrue(String sql, String what) {
        for (int i = 0; i < 600; i++) {
            if ("t".equals(server.queryValue("postgres", sql))) {
                return;
            }
            sleep();
        }
        throw new AssertionError("the standby did not reach " + what + " within 60 s");
    }

    private void copy() {
        boolean pg15 = Integer.parseInt(source.queryValue("postgres", "SHOW server_version_num")) >= 150000;
        source.execute("postgres", "SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
        try (Connection c = source.dataSource("postgres").getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    pg15
                            ? "SELECT pg_backup_start('standby', true)"
                            : "SELECT pg_start_backup('standby', true, false)");
            copyTree(source.dataDirectory(), dataDirectory);
            try (ResultSet stop = s.executeQuery(
                    pg15
                            ? "SELECT labelfile FROM pg_backup_stop(false)"
                            : "SELECT labelfile FROM pg_stop_backup(false, false)")) {
                stop.next();
                Files.writeString(dataDirectory.resolve("backup_label"), stop.getString(1));
            }
            configure();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the base backup: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure() throws IOException {
        Files.writeString(dataDirectory.resolve("standby.signal"), "");
        Files.writeString(
                dataDirectory.resolve("postgresql.auto.conf"),
                "\nprimary_conninfo = 'host=localhost port="
                        + source.port() + " user=" + source.superuser() + " application_name=" + APPLICATION_NAME
                        + "'\n"
                        + "primary_slot_name = '" + SLOT + "'\n",
                StandardOpenOption.APPEND);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                Path target = to.resolve(name);
                if (SKIPPED.contains(name)) {
                    continue;
                }
                if (EMPTIED.contains(name)) {
                    Files.createDirectories(target.resolve(name.equals("pg_wal") ? "archive_status" : "."));
                } else if (Files.isDirectory(child)) {
                    copyTree(child, target);
                } else {
                    copyFile(child, target);
                }
            }
        }
    }

    /** A file may be removed by the running source while it is copied; recovery does not need it then. */
    private static void copyFile(Path from, Path to) throws IOException {
        try {
            Files.copy(from, to);
        } catch (java.nio.file.NoSuchFileException removed) {
            // e.g. a temporary statistics file
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException alreadyStopped) {
            // stopped by the test
        }
    }
}
