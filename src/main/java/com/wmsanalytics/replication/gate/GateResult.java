package com.wmsanalytics.replication.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The catch-up gate's verdict over every publisher. */
public record GateResult(List<CatchUp> publishers, Duration waited) {

    public GateResult {
        publishers = List.copyOf(publishers);
    }

    public boolean satisfied() {
        return publishers.stream().allMatch(CatchUp::caughtUp);
    }

    /** The first reason the gate was not satisfied, as one line. */
    public Optional<String> reason() {
        return publishers.stream().filter(p -> !p.caughtUp()).findFirst().map(p -> p.detail()
                .orElse(p.outcome().label()));
    }

    /**
     * The earliest publisher time: every primary commit before it is applied on the replica.
     * Empty unless the gate was satisfied.
     */
    public Optional<Instant> dataAsOf() {
        if (!satisfied()) {
            return Optional.empty();
        }
        return publishers.stream()
                .map(CatchUp::publisherTime)
                .flatMap(Optional::stream)
                .min(Instant::compareTo);
    }
}
