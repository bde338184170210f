package com.wmsanalytics.history;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the catch-up gate did on one publisher.
 *
 * @param targetLsn the publisher's {@code pg_current_wal_lsn()} when the gate started, in
 *     its text form such as {@code 0/16B3748}
 * @param publisherTime the publisher's {@code now()} read with the target LSN
 * @param outcome how the wait ended, such as {@code caught_up} or {@code timeout}
 */
public record GateRecord(
        String publisher,
        String subscription,
        Optional<String> targetLsn,
        Optional<Instant> publisherTime,
        Optional<Long> bytesBehindAtStart,
        Duration waited,
        String outcome,
        Optional<String> detail) {

    public GateRecord {
        requireNonNull(publisher, "publisher");
        requireNonNull(subscription, "subscription");
        requireNonNull(targetLsn, "targetLsn");
        requireNonNull(publisherTime, "publisherTime");
        requireNonNull(bytesBehindAtStart, "bytesBehindAtStart");
        requireNonNull(waited, "waited");
        requireNonNull(outcome, "outcome");
        requireNonNull(detail, "detail");
    }
}
