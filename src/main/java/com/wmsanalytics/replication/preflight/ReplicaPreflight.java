package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.replication.server.ServerProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks that make the replica fit to subscribe to every publisher. */
final class ReplicaPreflight {

    private static final int PG18 = 180000;

    private final ServerProbe probe;
    private final int subscriptions;
    private final List<Finding> findings = new ArrayList<>();

    ReplicaPreflight(ServerProbe probe, int subscriptions) {
        this.probe = probe;
        this.subscriptions = subscriptions;
    }

    List<Finding> run() {
        String origins = probe.versionNum() >= PG18 ? "max_active_replication_origins" : "max_replication_slots";
        Map<String, String> s =
                probe.settings(List.of("max_logical_replication_workers", "max_worker_processes", origins));
        int workers = Integer.parseInt(s.get("max_logical_replication_workers"));
        int needWorkers = subscriptions + PublisherPreflight.TABLE_SYNC_RESERVE;
        if (workers < needWorkers) {
            add(
                    "max_logical_replication_workers is " + workers + " but " + needWorkers + " are needed ("
                            + subscriptions + " apply worker(s) and " + PublisherPreflight.TABLE_SYNC_RESERVE
                            + " table-sync workers)",
                    "set max_logical_replication_workers = " + Math.max(4, needWorkers)
                            + " in postgresql.conf and restart");
        }
        int processes = Integer.parseInt(s.get("max_worker_processes"));
        if (processes <= workers) {
            add(
                    "max_worker_processes is " + processes + ", not above max_logical_replication_workers (" + workers
                            + ")",
                    "set max_worker_processes = " + (workers + 4) + " in postgresql.conf and restart");
        }
        int originSlots = Integer.parseInt(s.get(origins));
        if (originSlots < subscriptions) {
            add(
                    origins + " is " + originSlots + " but the replica tracks " + subscriptions
                            + " subscription(s) with it",
                    "set " + origins + " = " + Math.max(10, subscriptions) + " in postgresql.conf and restart");
        }
        checkRole(probe.role());
        return findings;
    }

    private void checkRole(ServerProbe.Role role) {
        if (!role.superuser() && !role.createSubscription()) {
            add(
                    "role " + role.name() + " cannot create subscriptions",
                    "run setup as a superuser (or, on PostgreSQL 16+, GRANT pg_create_subscription TO " + role.name()
                            + ")");
        }
    }

    private void add(String problem, String fix) {
        findings.add(new Finding("replica", problem, fix));
    }
}
