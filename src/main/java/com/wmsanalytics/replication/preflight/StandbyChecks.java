package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.replication.server.Conninfo;
import com.wmsanalytics.replication.server.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one physical standby of a publisher needs to keep the subscription's slot in step
 * (PostgreSQL 17 {@code sync_replication_slots}), and what its primary needs so that the
 * subscriber never gets ahead of it ({@code synchronized_standby_slots}).
 */
final class StandbyChecks {

    private final String server;
    private final HostFacts standby;
    private final Optional<HostFacts> primary;
    private final String database;
    private final String where;
    private final List<Finding> findings = new ArrayList<>();

    /** @param database the publisher's database, which the standby's primary_conninfo must name */
    StandbyChecks(String server, HostFacts standby, Optional<HostFacts> primary, String database) {
        this.server = server;
        this.standby = standby;
        this.primary = primary;
        this.database = database;
        this.where = "standby " + standby.address() + ": ";
    }

    List<Finding> run() {
        require("wal_level", "logical", "slot synchronisation needs it on the standby too", "restart the standby");
        require("sync_replication_slots", "on", "the subscription's slot is not synchronised to it", "reload");
        require(
                "hot_standby_feedback",
                "on",
                "the primary may remove rows the synchronised slot still needs, which invalidates it",
                "reload");
        checkSlot();
        checkConninfo();
        return findings;
    }

    private void require(String setting, String wanted, String why, String then) {
        String value = standby.setting(setting).orElse("(unknown)");
        if (!wanted.equals(value)) {
            add(
                    setting + " is " + value + ": " + why,
                    "ALTER SYSTEM SET " + setting + " = " + wanted + " on the standby, then " + then);
        }
    }

    private void checkSlot() {
        String slot = standby.setting("primary_slot_name").orElse("");
        if (slot.isEmpty()) {
            add(
                    "primary_slot_name is not set: slot synchronisation needs the standby to stream through a physical"
                            + " slot",
                    "on the primary SELECT pg_create_physical_replication_slot('standby_slot'); on the standby ALTER"
                            + " SYSTEM SET primary_slot_name = 'standby_slot', then reload");
            return;
        }
        primary.ifPresent(p -> {
            if (!p.physicalSlots().contains(slot)) {
                add(
                        "primary_slot_name is '" + slot + "', which is not a physical slot on the primary "
                                + p.address(),
                        "on the primary SELECT pg_create_physical_replication_slot('" + slot + "')");
            }
            List<String> synced = FailoverPreflight.names(
                    p.setting("synchronized_standby_slots").orElse(""));
            if (!synced.contains(slot)) {
                findings.add(new Finding(
                        server,
                        "primary " + p.address() + ": synchronized_standby_slots does not name '" + slot
                                + "', the slot of standby " + standby.address()
                                + ", so the subscriber may get ahead of the standby and lose transactions at a failover",
                        "ALTER SYSTEM SET synchronized_standby_slots = '" + String.join(", ", append(synced, slot))
                                + "' on the primary, then reload"));
            }
        });
    }

    private void checkConninfo() {
        Optional<String> conninfo = standby.setting("primary_conninfo");
        if (conninfo.isEmpty()) {
            add(
                    "primary_conninfo cannot be read by this login, so its dbname was not checked",
                    "GRANT pg_read_all_settings TO the publisher's user");
        } else if (dbname(conninfo.get()).isEmpty()) {
            add(
                    "primary_conninfo has no dbname: the slot synchronisation worker connects to a database of the"
                            + " primary",
                    "add dbname=" + database
                            + " to primary_conninfo on the standby (ALTER SYSTEM SET primary_conninfo),"
                            + " then reload");
        }
    }

    /** The database of a keyword/value or URI conninfo. */
    static String dbname(String conninfo) {
        String c = conninfo.strip();
        if (c.startsWith("postgres://") || c.startsWith("postgresql://")) {
            String rest = c.substring(c.indexOf("//") + 2);
            int slash = rest.indexOf('/');
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            int query = path.indexOf('?');
            String db = query < 0 ? path : path.substring(0, query);
            return db.isEmpty() && rest.contains("dbname=") ? "dbname" : db;
        }
        return Conninfo.value(c, "dbname");
    }

    private static List<String> append(List<String> list, String item) {
        List<String> all = new ArrayList<>(list);
        all.add(item);
        return all;
    }

    private void add(String problem, String fix) {
        findings.add(new Finding(server, where + problem, fix));
    }
}
