package com.wmsanalytics.replication.gate;

import com.wmsanalytics.clock.Sleeper;
import com.wmsanalytics.config.PublisherConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Waits until the replica has applied, from every publisher, everything committed before
 * the gate was asked: the publisher's WAL insert position at that moment is the target (see
 * {@link GateTarget}), and the walsender's {@code replay_lsn} in {@code pg_stat_replication}
 * must reach it.
 * It fails fast when the subscription can never get there.
 */
public final class CatchUpGate {

    /** Told how far behind the replica is while the gate waits. */
    public interface Listener {
        void behind(long bytes, Duration waited);

        Listener NONE = (bytes, waited) -> {};
    }

    private final DSLContext replica;
    private final Map<PublisherConfig, DSLContext> publishers;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    /**
     * @param clock what the timeout and the apply worker's grace are measured on
     * @param sleeper how to wait between polls: {@link Sleeper#THREAD}, or a test's clock
     */
    public CatchUpGate(
            DSLContext replica,
            Map<PublisherConfig, DSLContext> publishers,
            Clock clock,
            Sleeper sleeper,
            Duration pollInterval) {
        this.replica = replica;
        this.publishers = publishers;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
    }

    public GateResult await(Duration timeout, Listener listener) {
        Instant start = clock.instant();
        Map<PublisherWatch, CatchUp> verdicts = new LinkedHashMap<>();
        publishers.forEach((config, db) -> verdicts.put(watch(config, db, start), null));
        while (true) {
            Instant now = clock.instant();
            verdicts.replaceAll((watch, verdict) ->
                    verdict != null ? verdict : watch.poll(now).orElse(null));
            boolean failed = verdicts.values().stream().anyMatch(v -> v != null && !v.caughtUp());
            if (failed || now.isAfter(start.plus(timeout)) || !verdicts.containsValue(null)) {
                verdicts.replaceAll((watch, verdict) -> verdict != null ? verdict : watch.timeout(now));
                return new GateResult(new ArrayList<>(verdicts.values()), Duration.between(start, clock.instant()));
            }
            listener.behind(behind(verdicts), Duration.between(start, now));
            sleep();
        }
    }

    private PublisherWatch watch(PublisherConfig config, DSLContext db, Instant start) {
        SubscriptionProbe probe = new SubscriptionProbe(replica, db, config.subscription());
        return new PublisherWatch(
                config.name(), config.subscription(), config.endpoint().user(), probe, start);
    }

    private static long behind(Map<PublisherWatch, CatchUp> verdicts) {
        List<PublisherWatch> waiting = verdicts.entrySet().stream()
                .filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey)
                .toList();
        return waiting.stream().mapToLong(PublisherWatch::bytesBehind).sum();
    }

    private void sleep() {
        try {
            sleeper.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replica to catch up", e);
        }
    }
}
