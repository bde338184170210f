package com.wmsanalytics.replication.setup;

import com.wmsanalytics.clock.Sleeper;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.failover.GapCheck;
import com.wmsanalytics.replication.failover.MarkReplay;
import com.wmsanalytics.replication.failover.NewPrimarySlot;
import com.wmsanalytics.replication.failover.ResyncNeededException;
import com.wmsanalytics.replication.failover.SlotFailover;
import com.wmsanalytics.replication.failover.SubscriptionGap;
import com.wmsanalytics.replication.failover.SubscriptionPause;
import com.wmsanalytics.replication.failover.SubscriptionTimeline;
import com.wmsanalytics.replication.failover.SwitchoverResume;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.preflight.Preflight;
import com.wmsanalytics.replication.preflight.PreflightFailedException;
import com.wmsanalytics.replication.server.Conninfo;
import com.wmsanalytics.replication.server.ServerProbe;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Creates, or brings up to date, one publication per publisher and one subscription per
 * publisher on the replica, after a preflight that must pass first. Running it twice
 * changes nothing the second time.
 */
public final class SetupStage {

    /** Told about each change as it is made and about the initial copy. */
    public interface Listener extends TableSyncWaiter.Progress {
        void changed(String change);
    }

    private final DSLContext replica;
    private final Map<PublisherConfig, DSLContext> publishers;
    private final Clock clock;
    private final Duration connectTimeout;

    public SetupStage(DSLContext replica, Map<PublisherConfig, DSLContext> publishers, Clock clock) {
        this(replica, publishers, clock, Preflight.HOST_TIMEOUT);
    }

    /** @param connectTimeout how long to wait for each host of a multi-host publisher URL */
    public SetupStage(
            DSLContext replica, Map<PublisherConfig, DSLContext> publishers, Clock clock, Duration connectTimeout) {
        this.replica = replica;
        this.publishers = publishers;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Runs the preflight, then the changes. Returns the changes made, empty when none were
     * needed.
     *
     * @throws PreflightFailedException when a server is unfit; then nothing was changed
     */
    public List<String> run(Duration syncTimeout, Listener listener) {
        List<Finding> findings = new ArrayList<>(preflight().run());
        if (!findings.isEmpty()) {
            throw new PreflightFailedException(findings);
        }
        Map<PublisherConfig, Conninfo> targets = new LinkedHashMap<>();
        publishers.keySet().forEach(config -> targets.put(config, targets().of(config)));
        targets.forEach((config, conninfo) ->
                targets().moveCheck(config, publishers.get(config), conninfo).ifPresent(findings::add));
        if (!findings.isEmpty()) {
            throw new PreflightFailedException(findings);
        }
        List<String> changes = new ArrayList<>();
        // Tables that move between subscriptions leave the old one before the new one copies them.
        Map<PublisherConfig, List<String>> published = new LinkedHashMap<>();
        publishers.forEach((config, db) -> published.put(config, published(config, db)));
        TableMoves moves = new TableMoves(replica);
        publishers.forEach((config, db) -> moves.release(config, db, published.get(config)).stream()
                .map(c -> config.name() + ": " + c)
                .forEach(c -> {
                    listener.changed(c);
                    changes.add(c);
                }));
        publishers.forEach((config, db) ->
                changes.addAll(setUp(config, db, published.get(config), targets.get(config), syncTimeout, listener)));
        return changes;
    }

    /**
     * Copies again the tables of every subscription with a gap (see {@link GapCheck}): the
     * subscription and its slot are dropped, its mirror tables emptied, and it is created and
     * synchronised anew, which marks the incremental reports for a full rebuild. The new timeline
     * is recorded. A subscription whose slot did not survive its publisher's failover (see
     * {@link NewPrimarySlot}) is dropped and created anew on the new primary the same way.
     * Returns the changes, empty when no subscription needed it.
     */
    public List<String> resync(Duration syncTimeout, Listener listener) {
        List<Finding> findings = preflight().run();
        if (!findings.isEmpty()) {
            throw new PreflightFailedException(findings);
        }
        List<String> changes = new ArrayList<>();
        for (SubscriptionGap gap : new GapCheck(replica, List.copyOf(publishers.keySet())).find()) {
            PublisherConfig config = publishers.keySet().stream()
                    .filter(p -> p.name().equals(gap.publisher()))
                    .findFirst()
                    .orElseThrow();
            DSLContext db = publishers.get(config);
            List<String> tables = published(config, db);
            if (gap.switchedOver()) {
                try {
                    changes.addAll(setUp(config, db, tables, targets().of(config), syncTimeout, listener));
                    continue;
                } catch (ResyncNeededException movedOn) {
                    listener.changed(config.name() + ": the switchover's mark no longer describes this node and"
                            + " the slot, so the tables are copied again");
                }
            }
            List<String> cleared = new SubscriptionResync(replica, clock).clear(config, db, tables);
            cleared.stream().map(c -> config.name() + ": " + c).forEach(listener::changed);
            changes.addAll(cleared.stream().map(c -> config.name() + ": " + c).toList());
            changes.addAll(setUp(config, db, tables, targets().of(config), syncTimeout, listener));
        }
        for (PublisherConfig config : publishers.keySet()) {
            Conninfo target = targets().of(config);
            if (targets().moveCheck(config, publishers.get(config), target).isPresent()) {
                DSLContext db = publishers.get(config);
                List<String> tables = published(config, db);
                List<String> cleared = new SlotLostResync(replica)
                        .clear(config, tables).stream()
                                .map(c -> config.name() + ": " + c)
                                .toList();
                cleared.forEach(listener::changed);
                changes.addAll(cleared);
                changes.addAll(setUp(config, db, tables, target, syncTimeout, listener));
            }
        }
        return changes;
    }

    /**
     * The old node's half of a planned switchover to one of its standbys: stops every
     * subscription, records where each stopped (see {@link SubscriptionPause}), and waits up to
     * {@code timeout} until the standbys streaming from this node have replayed that. Returns the
     * changes, then one line per standby.
     */
    public List<String> switchover(Duration timeout, Sleeper sleeper, Listener listener) {
        List<String> changes = new ArrayList<>();
        publishers.forEach((config, db) -> new SubscriptionPause(replica, clock, sleeper)
                .pause(config, db).stream().map(c -> config.name() + ": " + c).forEach(c -> {
                    listener.changed(c);
                    changes.add(c);
                }));
        changes.addAll(new MarkReplay(replica, clock, sleeper).await(timeout));
        return changes;
    }

    private static List<String> published(PublisherConfig config, DSLContext db) {
        return config.published(new ServerProbe(db).tables(config.schemas()));
    }

    private Preflight preflight() {
        return new Preflight(replica, publishers, connectTimeout);
    }

    private SubscriptionTarget targets() {
        return new SubscriptionTarget(replica, connectTimeout);
    }

    private List<String> setUp(
            PublisherConfig config,
            DSLContext db,
            List<String> tables,
            Conninfo conninfo,
            Duration syncTimeout,
            Listener listener) {
        boolean existed = replica.fetchExists(replica.selectOne()
                .from("pg_subscription s")
                .where("s.subname = ? AND " + ThisDatabase.SUBSCRIPTION, config.subscription()));
        List<String> changes = new ArrayList<>();
        if (existed) {
            new SwitchoverResume(replica).resume(config, db).ifPresent(changes::add);
        }
        new PublicationSync(db).ensure(config.publication(), tables).ifPresent(changes::add);
        changes.addAll(new SubscriptionSync(replica).ensure(config, conninfo, tables));
        if (config.failover() && existed) {
            new SlotFailover(replica, db, clock).ensure(config.subscription()).ifPresent(changes::add);
        }
        changes.stream().map(c -> config.name() + ": " + c).forEach(listener::changed);
        new TableSyncWaiter(replica, clock).await(config.subscription(), syncTimeout, listener);
        // A subscription created here copied every table: it is whole on this timeline.
        SubscriptionTimeline timelines = new SubscriptionTimeline(replica);
        if (existed) {
            timelines.recordIfAbsent(config.subscription());
        } else {
            timelines.record(config.subscription());
        }
        return changes.stream().map(c -> config.name() + ": " + c).toList();
    }
}
