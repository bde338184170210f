package com.wmsanalytics.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The user triggers on the replica's {@code wms} mirror (the change capture): read once, then
 * disabled with {@code DISABLE TRIGGER USER} and put back one by one to the state read, which
 * is checked afterwards. The capture triggers are {@code ENABLE ALWAYS} and must end up so.
 */
final class CaptureTriggers {

    /** A trigger and its {@code pg_trigger.tgenabled}: A always, R replica, O origin, D disabled. */
    record Trigger(String table, String name, String enabled) {}

    private final Connection replica;
    private final List<Trigger> saved;

    CaptureTriggers(Connection replica) throws SQLException {
        this.replica = replica;
        replica.setAutoCommit(true);
        this.saved = read();
        if (saved.isEmpty() || saved.stream().anyMatch(t -> !t.enabled().equals("A"))) {
            throw new IllegalStateException("expected ENABLE ALWAYS capture triggers on the mirror, found " + saved);
        }
    }

    List<Trigger> saved() {
        return saved;
    }

    void disable() throws SQLException {
        for (String table : saved.stream().map(Trigger::table).distinct().toList()) {
            execute("ALTER TABLE wms." + quote(table) + " DISABLE TRIGGER USER");
        }
    }

    /** Puts every trigger back as read and checks that it is so. */
    void restore() throws SQLException {
        for (Trigger t : saved) {
            execute("ALTER TABLE wms." + quote(t.table()) + " " + clause(t.enabled()) + " TRIGGER " + quote(t.name()));
        }
        List<Trigger> now = read();
        if (!now.equals(saved)) {
            throw new IllegalStateException("the capture triggers were not restored: " + now);
        }
    }

    private static String clause(String enabled) {
        return switch (enabled) {
            case "A" -> "ENABLE ALWAYS";
            case "R" -> "ENABLE REPLICA";
            case "O" -> "ENABLE";
            case "D" -> "DISABLE";
            default -> throw new IllegalStateException("unknown tgenabled " + enabled);
        };
    }

    private List<Trigger> read() throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (Statement statement = replica.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT c.relname, t.tgname, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'wms' AND NOT t.tgisinternal"
                                + " ORDER BY 1, 2")) {
            while (rs.next()) {
                triggers.add(new Trigger(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return List.copyOf(triggers);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = replica.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
