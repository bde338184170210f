package com.wmsanalytics.generate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The days a run generates. A first run ends yesterday (UTC) by the clock; a later run
 * starts the day after the last day that has orders.
 */
record RunWindow(LocalDate firstDay, LocalDate lastDay, boolean appends) {

    static RunWindow of(Optional<LocalDate> lastGenerated, Clock clock, int days) {
        if (lastGenerated.isPresent()) {
            LocalDate after = lastGenerated.get().plusDays(1);
            return new RunWindow(after, after.plusDays(days - 1L), true);
        }
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        return new RunWindow(yesterday.minusDays(days - 1L), yesterday, false);
    }

    int days() {
        return (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
    }

    /** Midnight before the first day: where an appending run picks up. */
    long startSecond() {
        return firstDay.toEpochDay() * 86_400L;
    }

    /** Midnight after the last day: the moment the generated data describes. */
    long endSecond() {
        return (lastDay.toEpochDay() + 1) * 86_400L;
    }

    /** The run's random stream: the seed itself, mixed with the first day when appending. */
    SplittableRandom random(long seed) {
        long mixed = appends ? StableHash.mix(seed ^ StableHash.mix(firstDay.toEpochDay())) : seed;
        return new SplittableRandom(mixed);
    }
}
