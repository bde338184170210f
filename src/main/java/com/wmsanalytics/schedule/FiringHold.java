package com.wmsanalytics.schedule;

import com.wmsanalytics.clock.Sleeper;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back a firing that was refused (the replica is a standby, or a subscription may have
 * skipped transactions) instead of dropping it: it is tried again every interval until it
 * runs or the scheduler stops. One line when the hold starts or its reason changes, one when
 * the firing goes on.
 */
final class FiringHold {

    private static final Logger log = LoggerFactory.getLogger(FiringHold.class);

    private final String job;
    private final Firing firing;
    private final Duration interval;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;
    private Object reason;
    private long heldSince;
    private boolean givenUp;

    /** @param stopping true once the scheduler stops firing: a held firing is then given up */
    FiringHold(String job, Firing firing, Duration interval, Sleeper sleeper, BooleanSupplier stopping) {
        this.job = job;
        this.firing = firing;
        this.interval = interval;
        this.sleeper = sleeper;
        this.stopping = stopping;
    }

    /**
     * Waits one interval after a refusal; false when the firing is given up because the scheduler
     * stops.
     *
     * @param kind what refused, such as the standby's upstream or the class of the refusal: the
     *     hold is logged again only when it changes, not when only the positions in {@code why} do
     */
    boolean await(Object kind, String why) {
        if (reason == null) {
            heldSince = System.nanoTime();
        }
        if (!kind.equals(reason)) {
            log.warn(
                    "{} - firing for {} held back: {}; trying again every {}",
                    job,
                    firing.scheduledFor(),
                    why,
                    interval);
            reason = kind;
        }
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            log.warn("{} - firing for {} given up: the scheduler is stopping", job, firing.scheduledFor());
            givenUp = true;
            return false;
        }
        return true;
    }

    /** Whether the firing was given up because the scheduler stops. */
    boolean givenUp() {
        return givenUp;
    }

    /** Logs that a held firing goes on; nothing when it was never held. */
    void released() {
        if (reason != null) {
            log.info(
                    "{} - firing for {} goes on after {} ms held back",
                    job,
                    firing.scheduledFor(),
                    (System.nanoTime() - heldSince) / 1_000_000);
        }
    }
}
