package com.wmsanalytics.testing;

import com.wmsanalytics.clock.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, or that code moves forward when it would sleep. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /**
     * A sleeper that moves this clock forward by the whole duration but waits only a tenth of
     * it in real time, so that the servers a poll loop watches still get time to change.
     */
    public Sleeper sleeper() {
        return duration -> {
            Thread.sleep(duration.toMillis() / 10);
            advance(duration);
        };
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a settable clock stays in UTC");
    }
}
