package com.wmsanalytics.clock;

import java.time.Duration;

/**
 * How the gate waits between two polls. The service sleeps; a test moves its clock forward
 * instead, so that a timeout or a grace period passes without waiting for it.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
}
