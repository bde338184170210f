package com.wmsanalytics.replication.failover;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * Waits until the publisher's walsender lets go of a slot whose subscription was just disabled:
 * the slot cannot be altered or advanced while the walsender still holds it.
 */
public final class SlotRelease {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private SlotRelease() {}

    /** @param rerun the command to run again once the other node is stopped, such as {@code setup --resync} */
    public static void await(DSLContext publisher, String slot, Clock clock, String rerun) {
        Instant deadline = clock.instant().plus(TIMEOUT);
        while (publisher.fetchExists(
                publisher.selectOne().from("pg_replication_slots").where("slot_name = ? AND active", slot))) {
            if (clock.instant().isAfter(deadline)) {
                throw new WmsAnalyticsException(
                        ExitCode.FAILED,
                        "slot " + slot + " is still in use on the publisher " + TIMEOUT.toSeconds()
                                + " s after its subscription was disabled; is another node still applying it?"
                                + " Stop that node and run " + rerun + " again");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WmsAnalyticsException(ExitCode.FAILED, "interrupted while waiting for slot " + slot, e);
            }
        }
    }
}
