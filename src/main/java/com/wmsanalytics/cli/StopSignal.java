package com.wmsanalytics.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGTERM or SIGINT, caught so that the orderly stop runs in the command and the exit code is 0. */
final class StopSignal {

    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch stop = new CountDownLatch(1);

    private StopSignal() {}

    static StopSignal install() {
        StopSignal signal = new StopSignal();
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                log.info("wms-analytics - received SIG{}", name);
                signal.stop.countDown();
            });
        }
        return signal;
    }

    /** Blocks until the signal. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Waits up to {@code timeout}; true when the signal came. */
    boolean await(Duration timeout) throws InterruptedException {
        return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
