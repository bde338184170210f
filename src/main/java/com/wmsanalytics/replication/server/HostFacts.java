package com.wmsanalytics.replication.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * What one host of a publisher's URL is: reachable or not, primary or standby, and the
 * settings slot failover depends on.
 *
 * @param unreachable why the host could not be reached; empty when it was
 * @param settings the settings of {@link #NAMES} this server has and the login may read
 * @param physicalSlots the physical replication slots on this server
 */
public record HostFacts(
        String address,
        Optional<String> unreachable,
        boolean inRecovery,
        int versionNum,
        Map<String, String> settings,
        List<String> physicalSlots) {

    static final List<String> NAMES = List.of(
            "wal_level",
            "sync_replication_slots",
            "hot_standby_feedback",
            "primary_slot_name",
            "primary_conninfo",
            "synchronized_standby_slots");

    static HostFacts read(String address, DSLContext db) {
        Map<String, String> settings = db
                .fetch("SELECT name, coalesce(setting, '') AS setting FROM pg_settings WHERE name = ANY(?)", (Object)
                        NAMES.toArray(String[]::new))
                .stream()
                .collect(Collectors.toMap(r -> r.get("name", String.class), r -> r.get("setting", String.class)));
        return new HostFacts(
                address,
                Optional.empty(),
                db.fetchOne("SELECT pg_is_in_recovery() AS in_recovery").get("in_recovery", Boolean.class),
                db.fetchOne("SELECT current_setting('server_version_num')::int AS version")
                        .get("version", Integer.class),
                settings,
                db.fetch("SELECT slot_name FROM pg_replication_slots WHERE slot_type = 'physical' ORDER BY 1")
                        .getValues("slot_name", String.class));
    }

    static HostFacts unreachable(String address, String reason) {
        return new HostFacts(address, Optional.of(reason), false, 0, Map.of(), List.of());
    }

    public boolean reachable() {
        return unreachable.isEmpty();
    }

    public boolean primary() {
        return reachable() && !inRecovery;
    }

    public boolean standby() {
        return reachable() && inRecovery;
    }

    /** A setting's value; empty when the server has no such setting or the login may not read it. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
