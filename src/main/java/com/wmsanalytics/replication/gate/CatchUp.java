package com.wmsanalytics.replication.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the catch-up gate found for one publisher.
 *
 * @param targetLsn the publisher's WAL insert position when the refresh was asked for
 * @param publisherTime the publisher's {@code now()} at that moment: the "data as of"
 * @param bytesBehindAtStart how far the replica's applied position was behind the target
 *     at the first poll, when the publisher reported it
 */
public record CatchUp(
        String publisher,
        String subscription,
        Optional<String> targetLsn,
        Optional<Instant> publisherTime,
        Optional<Long> bytesBehindAtStart,
        Duration waited,
        Outcome outcome,
        Optional<String> detail) {

    /** Why the gate passed or did not, one value per distinct cause. */
    public enum Outcome {
        CAUGHT_UP,
        TIMEOUT,
        SUBSCRIPTION_MISSING,
        SUBSCRIPTION_DISABLED,
        APPLY_WORKER_DOWN,
        SLOT_LOST,
        APPLY_ERRORS,
        LSN_NOT_VISIBLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean caughtUp() {
        return outcome == Outcome.CAUGHT_UP;
    }
}
