package com.wmsanalytics.replication.failover;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.clock.Sleeper;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The old node's half of a planned switchover ({@code setup --switchover}): stops one
 * subscription and records where it stopped. Once the subscription is disabled, its apply worker
 * gone and the publisher's walsender has let go of the slot, neither the origin nor the slot can
 * move until a node enables the subscription again: the mark then describes exactly what a
 * standby that replays it holds.
 */
public final class SubscriptionPause {

    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(30);

    private final DSLContext replica;
    private final Clock clock;
    private final Sleeper sleeper;

    public SubscriptionPause(DSLContext replica, Clock clock, Sleeper sleeper) {
        this.replica = replica;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Disables the subscription if it runs, waits until nothing applies it, and records the mark. */
    public List<String> pause(PublisherConfig p, DSLContext publisher) {
        new GapCheck(replica, List.of(p)).check(p).ifPresent(gap -> {
            throw new ResyncNeededException(gap);
        });
        Record sub = replica.fetchOne(
                "SELECT s.oid::bigint AS oid, s.subslotname::text AS slot, s.subenabled AS enabled"
                        + " FROM pg_subscription s WHERE s.subname = ? AND " + ThisDatabase.SUBSCRIPTION,
                p.subscription());
        if (sub == null) {
            throw new WmsAnalyticsException(
                    ExitCode.USAGE,
                    "publisher " + p.name() + ": the replica has no subscription " + p.subscription()
                            + " to switch over; run 'wms-analytics setup' first");
        }
        List<String> changes = new ArrayList<>();
        if (sub.get("enabled", Boolean.class)) {
            replica.execute(query("ALTER SUBSCRIPTION {0} DISABLE", name(p.subscription())));
            changes.add("disabled subscription " + p.subscription() + " for the switchover");
        }
        long oid = sub.get("oid", Long.class);
        String slot = sub.get("slot", String.class);
        awaitNoWorker(p.subscription(), oid);
        SlotRelease.await(publisher, slot, clock, "'wms-analytics setup --switchover'");
        String origin = replica.fetchOne(
                        "SELECT coalesce((SELECT remote_lsn FROM pg_replication_origin_status"
                                + " WHERE external_id = 'pg_' || ?::text), '0/0')::text AS lsn",
                        oid)
                .get("lsn", String.class);
        Record confirmed = publisher.fetchOne(
                "SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = ?", slot);
        if (confirmed == null || confirmed.get("lsn") == null) {
            throw new WmsAnalyticsException(
                    ExitCode.FAILED,
                    "publisher " + p.name() + " has no slot " + slot + " with a confirmed position for subscription "
                            + p.subscription() + "; run 'wms-analytics setup --resync' instead of a switchover");
        }
        SwitchoverMark mark = new SwitchoverMark(
                p.subscription(),
                new SubscriptionTimeline(replica).current(),
                origin,
                confirmed.get("lsn", String.class));
        mark.write(replica);
        changes.add("subscription " + p.subscription() + " stopped at " + origin + " (its slot confirmed "
                + mark.slotLsn() + ") and the mark is recorded");
        return changes;
    }

    private void awaitNoWorker(String subscription, long oid) {
        Instant deadline = clock.instant().plus(WORKER_TIMEOUT);
        while (replica.fetchExists(
                replica.selectOne().from("pg_stat_subscription").where("subid = ? AND pid IS NOT NULL", oid))) {
            if (clock.instant().isAfter(deadline)) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        "the workers of subscription " + subscription + " still run "
                                + WORKER_TIMEOUT.toSeconds() + " s after it was disabled; run"
                                + " 'wms-analytics setup --switchover' again");
            }
            pause();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(Duration.ofMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while stopping the subscription", e);
        }
    }
}
