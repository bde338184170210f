package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.ServerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks that make a primary fit to publish to the replica. */
final class PublisherPreflight {

    /** Slots and WAL senders the initial table copy uses besides the subscription's own. */
    static final int TABLE_SYNC_RESERVE = 2;

    private final PublisherConfig publisher;
    private final ServerProbe probe;
    private final String server;
    private final List<Finding> findings = new ArrayList<>();

    PublisherPreflight(PublisherConfig publisher, ServerProbe probe) {
        this.publisher = publisher;
        this.probe = probe;
        this.server = "publisher " + publisher.name();
    }

    List<Finding> run() {
        Map<String, String> s = probe.settings(List.of("wal_level", "max_replication_slots", "max_wal_senders"));
        if (!"logical".equals(s.get("wal_level"))) {
            add(
                    "wal_level is '" + s.get("wal_level") + "', logical replication needs 'logical'",
                    "set wal_level = logical in postgresql.conf and restart the server");
        }
        requireFree(
                s,
                "max_replication_slots",
                probe.replicationSlotsUsedExcept(publisher.subscription()),
                "replication slots");
        requireFree(s, "max_wal_senders", probe.walSendersUsedExcept(publisher.subscription()), "WAL senders");
        checkRole(probe.role());
        checkTables();
        return findings;
    }

    private void requireFree(Map<String, String> s, String setting, int used, String what) {
        int have = Integer.parseInt(s.get(setting));
        int need = used + 1 + TABLE_SYNC_RESERVE;
        if (have < need) {
            add(
                    setting + " is " + have + " but " + need + " are needed (" + used + " " + what
                            + " in use, 1 for the subscription, " + TABLE_SYNC_RESERVE + " for the initial copy)",
                    "set " + setting + " = " + Math.max(10, need) + " in postgresql.conf and restart the server");
        }
    }

    private void checkRole(ServerProbe.Role role) {
        if (!role.superuser() && !role.replication()) {
            add(
                    "role " + role.name() + " lacks the REPLICATION attribute the subscription connects with",
                    "ALTER ROLE " + role.name() + " REPLICATION");
        }
        if (!role.superuser() && !role.readAllStats()) {
            add(
                    "role " + role.name()
                            + " cannot read the LSN columns of pg_stat_replication the catch-up gate uses",
                    "GRANT pg_read_all_stats TO " + role.name());
        }
    }

    private void checkTables() {
        List<String> inSchemas = probe.tables(publisher.schemas());
        for (String missing : publisher.missing(inSchemas)) {
            add(
                    "the tables key names " + missing + ", which is not a table of this server",
                    "create it (migrate --primary " + publisher.name() + ") or correct the tables key");
        }
        List<String> tables = publisher.published(inSchemas);
        if (tables.isEmpty()) {
            add(
                    "no tables in schema(s) " + String.join(", ", publisher.schemas()) + " to publish",
                    "create the WMS schema (migrate --primary " + publisher.name() + ") or correct the schemas key");
        }
        String role = probe.role().name();
        List<String> notOwned = publisher.published(probe.tablesNotOwned(publisher.schemas()));
        if (!probe.role().superuser()
                && !notOwned.isEmpty()
                && !tables.equals(probe.publishedTables(publisher.publication()))) {
            add(
                    "role " + role + " cannot add " + notOwned.size() + " table(s) to publication "
                            + publisher.publication() + " because it does not own them (" + String.join(", ", notOwned)
                            + ")",
                    "as the tables' owner run CREATE PUBLICATION " + publisher.publication() + " FOR TABLE "
                            + String.join(", ", tables) + "; or run setup once as the owner or a superuser");
        }
        List<String> unreadable = publisher.published(probe.tablesNotReadable(publisher.schemas()));
        if (!unreadable.isEmpty()) {
            add(
                    "role " + role + " cannot read " + unreadable.size() + " table(s) the initial copy reads ("
                            + String.join(", ", unreadable) + ")",
                    "GRANT USAGE ON SCHEMA " + String.join(", ", publisher.schemas()) + " TO " + role
                            + "; GRANT SELECT ON ALL TABLES IN SCHEMA " + String.join(", ", publisher.schemas())
                            + " TO " + role);
        }
        for (String table : publisher.published(probe.tablesWithoutIdentity(publisher.schemas()))) {
            add(
                    "table " + table
                            + " has no primary key or replica identity, so its UPDATE and DELETE would fail once published",
                    "add a primary key, or ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
    }

    private void add(String problem, String fix) {
        findings.add(new Finding(server, problem, fix));
    }
}
