package com.wmsanalytics.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tests' one way to wait: poll a condition until it holds or a deadline passes, then fail
 * with what was awaited and the last value seen. Never a fixed sleep followed by an assertion.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {}

    /** Polls {@code condition} until it is true; fails after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** The same, adding {@code details} (read when it fails, such as a service's log) to the failure. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> details) {
        try {
            until(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + details.get(), e);
        }
    }

    /** Polls {@code supplier} until its value passes {@code done}, and returns that value; fails after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = supplier.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": did not hold within " + timeout.toSeconds() + " s; last: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
            last = supplier.get();
        }
        return last;
    }
}
