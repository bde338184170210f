package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that undo what a test class did to a server, in the order PostgreSQL
 * requires: a database cannot be dropped while it holds a subscription or while a
 * replication slot of the primary points into it.
 */
final class Cleanup {

    private static final int SLOT_RELEASE_POLLS = 200;

    private Cleanup() {}

    /**
     * Drops the subscriptions of every database, without touching their publishers: each is
     * disabled and detached from its slot first, so that an unreachable publisher cannot block it.
     */
    static void dropSubscriptions(EmbeddedServer replica) {
        for (String[] sub : rows(
                replica,
                "postgres",
                "SELECT d.datname, s.subname FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid")) {
            String name = quoted(sub[1]);
            replica.execute(sub[0], "ALTER SUBSCRIPTION " + name + " DISABLE");
            replica.execute(sub[0], "ALTER SUBSCRIPTION " + name + " SET (slot_name = NONE)");
            replica.execute(sub[0], "DROP SUBSCRIPTION " + name);
        }
    }

    /** Ends the walsenders still holding slots, then drops every slot. */
    static void dropReplicationSlots(EmbeddedServer server) {
        server.execute("postgres", "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE active");
        for (int i = 0;
                i < SLOT_RELEASE_POLLS
                        && !"0"
                                .equals(server.queryValue(
                                        "postgres", "SELECT count(*) FROM pg_replication_slots WHERE active"));
                i++) {
            pause();
        }
        server.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots");
    }

    /** Drops every database but {@code postgres} and the templates, ending their sessions. */
    static void dropDatabases(EmbeddedServer server) {
        for (String[] db : rows(
                server,
                "postgres",
                "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'")) {
            server.execute("postgres", "DROP DATABASE " + quoted(db[0]) + " WITH (FORCE)");
        }
    }

    /**
     * Drops every role but the superuser and PostgreSQL's own, once the databases are gone, so
     * that a class may create its roles as on new servers.
     */
    static void dropRoles(EmbeddedServer server) {
        for (String[] role : rows(
                server,
                "postgres",
                "SELECT rolname FROM pg_roles WHERE rolname <> current_user AND rolname NOT LIKE 'pg\\_%'")) {
            server.execute("postgres", "DROP OWNED BY " + quoted(role[0]) + "; DROP ROLE " + quoted(role[0]));
        }
    }

    private static List<String[]> rows(EmbeddedServer server, String database, String sql) {
        try (Connection c = server.dataSource(database).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(server.name() + ": " + e.getMessage(), e);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replication slots to be released", e);
        }
    }
}
